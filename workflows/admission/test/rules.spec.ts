import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeadlineSpec } from '@workflows/common/workflow-definition';
import type { OrgFacts } from '../src/machine/context';
import {
  admitted,
  approvedBy,
  assembled,
  CEREMONY_ON,
  decided,
  definition,
  Dossier,
  FATHER,
  introducer,
  MOTHER,
  PROBATION_ENDS_ON,
  proposed,
  readyForRecognition,
  recognitionVote,
  refusedRules,
} from './dossier';
import { plainCell, TODAY } from './fixtures';

const cellVote = (inFavour: number, officialMembers = 11) => ({
  officialMembers,
  inFavour,
  against: officialMembers - inFavour,
});
const delegated: OrgFacts = { ...plainCell, delegatedAdmission: true };
const withYouthUnion: OrgFacts = { ...plainCell, youthUnionPresent: true };
const grassrootsCell: OrgFacts = { ...plainCell, grassrootsCell: true };
const committeeMember = (actorId: string) => ({ actorId, roles: ['committeeMember' as const] });

const deadlinesOf = (dossier: Dossier) =>
  Object.fromEntries(definition.deadlines(dossier.snapshot).map((d: DeadlineSpec) => [d.kind, d]));
const dueDates = (dossier: Dossier) =>
  Object.fromEntries(definition.deadlines(dossier.snapshot).map((d: DeadlineSpec) => [d.kind, d.dueOn]));

describe('age on the date of the cell vote (age.range)', () => {
  // 18th birthday on Monday 4 Nov 2024.
  const eighteen = () => assembled(new Dossier({ candidate: { dateOfBirth: '2006-11-04' } }));

  it('refuses the day before the 18th birthday', () => {
    const violation = eighteen().refuse('age.range', 'RECORD_CELL_VOTE', '2024-11-03', cellVote(9));
    expect(violation.message.en).toContain('not yet 18');
  });

  it('accepts on the 18th birthday', () => {
    expect(eighteen().send('RECORD_CELL_VOTE', '2024-11-04', cellVote(9)).matches('grassrootsReview')).toBe(true);
  });

  // 60th birthday on Monday 4 Nov 2024.
  const sixty = () => assembled(new Dossier({ candidate: { dateOfBirth: '1964-11-04' } }));

  it('accepts on the 60th birthday', () => {
    expect(sixty().send('RECORD_CELL_VOTE', '2024-11-04', cellVote(9)).matches('grassrootsReview')).toBe(true);
  });

  it('refuses the day after the 60th birthday', () => {
    const violation = sixty().refuse('age.range', 'RECORD_CELL_VOTE', '2024-11-05', cellVote(9));
    expect(violation.message.en).toContain('over 60');
  });
});

describe('cell vote: 2/3 of the official members on the roll, a failed vote kept as a fact', () => {
  it('records 7 of 11 as a failed vote: the dossier stays for another meeting', () => {
    const dossier = assembled(new Dossier());
    const { before, after } = dossier.try('RECORD_CELL_VOTE', '2024-11-04', cellVote(7));
    expect(dossier.matches('cellReview')).toBe(true);
    expect(dossier.context.cellResolution).toBeNull();
    expect(dossier.context.votes).toEqual([
      { kind: 'cell', on: '2024-11-04', base: 11, inFavour: 7, against: 4, passed: false },
    ]);
    const sent = dossier.event('RECORD_CELL_VOTE', '2024-11-04', cellVote(7));
    expect(definition.annotate(before, after, sent)).toEqual({ passed: false });
    expect(definition.deadlines(dossier.snapshot).map((d) => d.kind)).not.toContain('admissionDecision');
    // The cell meets again and the proposal passes.
    dossier.send('RECORD_CELL_VOTE', '2024-11-18', cellVote(8));
    expect(dossier.matches('grassrootsReview')).toBe(true);
    expect(dossier.context.votes.map((v) => v.passed)).toEqual([false, true]);
    expect(deadlinesOf(dossier).admissionDecision.anchorOn).toBe('2024-11-18');
  });

  it('accepts 8 of 11', () => {
    const dossier = assembled(new Dossier()).send('RECORD_CELL_VOTE', '2024-11-04', cellVote(8));
    expect(dossier.matches('grassrootsReview')).toBe(true);
    expect(dossier.context.cellResolution).toMatchObject({ base: 11, inFavour: 8, passed: true, on: '2024-11-04' });
  });

  it('counts the base as the members on the roll: 6 of 9 pass, 5 of 9 do not', () => {
    expect(assembled(new Dossier()).send('RECORD_CELL_VOTE', '2024-11-04', cellVote(5, 9)).value).toBe('cellReview');
    expect(assembled(new Dossier()).send('RECORD_CELL_VOTE', '2024-11-04', cellVote(6, 9)).value).toBe(
      'grassrootsReview',
    );
  });

  it('refuses more votes than members (vote.counts)', () => {
    const counts = { officialMembers: 11, inFavour: 9, against: 3 };
    assembled(new Dossier()).refuse('vote.counts', 'RECORD_CELL_VOTE', '2024-11-04', counts);
  });
});

describe('awareness certificate valid on the cell vote date (certificate.valid)', () => {
  it('refuses a certificate issued 60 months ago to the day', () => {
    const dossier = assembled(new Dossier(), '2019-11-04');
    const violation = dossier.refuse('certificate.valid', 'RECORD_CELL_VOTE', '2024-11-04', cellVote(9));
    expect(violation.message.en).toContain('valid until 2024-11-03');
  });

  it('accepts a certificate issued one day later', () => {
    const dossier = assembled(new Dossier(), '2019-11-05').send('RECORD_CELL_VOTE', '2024-11-04', cellVote(9));
    expect(dossier.matches('grassrootsReview')).toBe(true);
  });

  it('accepts a renewed certificate recorded in cellReview', () => {
    const dossier = assembled(new Dossier(), '2019-11-04').send('RECORD_AWARENESS_CERTIFICATE', '2024-10-30', {
      certificateNo: 'GCN-02',
      issuedOn: '2024-10-28',
      issuer: 'Trung tâm Chính trị',
    });
    expect(dossier.send('RECORD_CELL_VOTE', '2024-11-04', cellVote(9)).matches('grassrootsReview')).toBe(true);
  });

  it('refuses a certificate issued after the date it is recorded (certificate.issuedOn)', () => {
    const payload = { certificateNo: 'GCN-03', issuedOn: '2024-10-05', issuer: 'Trung tâm Chính trị' };
    new Dossier().refuse('certificate.issuedOn', 'RECORD_AWARENESS_CERTIFICATE', '2024-10-02', payload);
  });
});

describe('introducers: official members who have known the candidate 12 months', () => {
  const started = () => new Dossier().send('SUBMIT_APPLICATION', '2024-10-02');

  it('refuses a member who is not yet official (introducer.official)', () => {
    const probationary = introducer('Mai Văn Lâm', { officialSince: '2024-12-01' });
    started().refuse('introducer.official', 'ADD_INTRODUCER', '2024-10-22', probationary);
  });

  it('refuses 11 full months and accepts 12 months to the day (introducer.knownMonths)', () => {
    const short = introducer('Mai Văn Lâm', { knownSince: '2023-10-23' });
    started().refuse('introducer.knownMonths', 'ADD_INTRODUCER', '2024-10-22', short);
    const enough = introducer('Mai Văn Lâm', { knownSince: '2023-10-22' });
    expect(started().send('ADD_INTRODUCER', '2024-10-22', enough).context.introducers).toHaveLength(1);
  });

  it('exempts a replacement introducer from the 12 months, but not from being official', () => {
    const dossier = assembled(new Dossier());
    const replacement = introducer('Mai Văn Lâm', {
      knownSince: '2024-09-01',
      replacement: true,
      replaces: 'Đỗ Thị Hạnh',
    });
    dossier.refuse('introducer.count', 'ADD_INTRODUCER', '2024-10-28', { ...replacement, replacement: false });
    dossier.refuse('introducer.official', 'ADD_INTRODUCER', '2024-10-28', {
      ...replacement,
      officialSince: '2025-01-01',
    });
    dossier.send('ADD_INTRODUCER', '2024-10-28', replacement);
    expect(dossier.context.introducers.map((i) => i.memberName)).toEqual(['Hoàng Văn Giang', 'Mai Văn Lâm']);
    expect(dossier.matches('cellReview')).toBe(true);
  });

  it('refuses a replacement who is already the other introducer (introducer.duplicate)', () => {
    const dossier = assembled(new Dossier());
    const same = introducer('Đỗ Thị Hạnh', { replacement: true, replaces: 'Hoàng Văn Giang' });
    dossier.refuse('introducer.duplicate', 'ADD_INTRODUCER', '2024-10-28', same);
    const unknown = introducer('Mai Văn Lâm', { replacement: true, replaces: 'Không Có Tên' });
    dossier.refuse('introducer.replacement', 'ADD_INTRODUCER', '2024-10-28', unknown);
    expect(dossier.context.introducers.map((i) => i.memberName)).toEqual(['Hoàng Văn Giang', 'Đỗ Thị Hạnh']);
  });

  it('needs only one member with the Youth Union resolution', () => {
    const dossier = new Dossier({ facts: withYouthUnion })
      .send('SUBMIT_APPLICATION', '2024-10-02')
      .send('RECORD_UNION_INTRODUCTION', '2024-10-10', { union: 'youth', resolutionNo: 'NQ-05/ĐTN' })
      .send('ADD_INTRODUCER', '2024-10-22', introducer('Mai Văn Lâm'));
    expect(dossier.matches('assembly.introduction.introduced')).toBe(true);
  });

  it('refuses the Youth Union resolution for a candidate who is not a member (introduction.youthUnion)', () => {
    const dossier = new Dossier({ candidate: { youthUnionMember: false }, facts: withYouthUnion });
    const payload = { union: 'youth', resolutionNo: 'NQ-05/ĐTN' };
    dossier.refuse('introduction.youthUnion', 'RECORD_UNION_INTRODUCTION', '2024-10-10', payload);
    // Nor, where there is no Youth Union, for anyone.
    new Dossier().refuse('introduction.youthUnion', 'RECORD_UNION_INTRODUCTION', '2024-10-10', payload);
  });
});

describe('the Youth Union route (Charter art. 4.1): youth age 16–30 in a unit with a Youth Union', () => {
  // Born 15 May 2000: 24 in October 2024, of youth age until the day before the 31st birthday (15 May 2031).
  const youth = () => new Dossier({ facts: withYouthUnion }).send('SUBMIT_APPLICATION', '2024-10-02');
  const trade = { union: 'trade', resolutionNo: 'NQ-01/CĐ' };

  it('refuses a trade-union introduction and a second official member for a candidate of youth age', () => {
    youth().refuse('introduction.youthRoute', 'RECORD_UNION_INTRODUCTION', '2024-10-10', trade);
    const one = youth().send('ADD_INTRODUCER', '2024-10-22', introducer('Hoàng Văn Giang'));
    one.refuse('introduction.youthRoute', 'ADD_INTRODUCER', '2024-10-22', introducer('Đỗ Thị Hạnh'));
    one.send('RECORD_UNION_INTRODUCTION', '2024-10-23', { union: 'youth', resolutionNo: 'NQ-05/ĐTN' });
    expect(one.matches('assembly.introduction.introduced')).toBe(true);
  });

  it('refuses at the cell vote a youth-age candidate who is not a Youth Union member', () => {
    const dossier = assembled(new Dossier({ candidate: { youthUnionMember: false } }));
    const violation = dossier.refuse('introduction.youthRoute', 'RECORD_CELL_VOTE', '2024-11-04', cellVote(9), {
      facts: withYouthUnion,
    });
    expect(violation.citation).toContain('Điều 4.1');
  });

  it('lets the trade union introduce a candidate past youth age, from the 31st birthday', () => {
    const on31st = new Dossier({ candidate: { dateOfBirth: '1993-10-10' }, facts: withYouthUnion });
    on31st.send('RECORD_UNION_INTRODUCTION', '2024-10-10', trade);
    const dayBefore = new Dossier({ candidate: { dateOfBirth: '1993-10-11' }, facts: withYouthUnion });
    dayBefore.refuse('introduction.youthRoute', 'RECORD_UNION_INTRODUCTION', '2024-10-10', trade);
  });
});

describe('papers at most 12 months old at the cell vote (papers.expired)', () => {
  // Introductions on 22 Oct 2024, comments on 23 Oct 2024.
  it('accepts papers 12 months old to the day and names each older one', () => {
    const fresh = assembled(new Dossier(), '2024-09-20');
    expect(fresh.send('RECORD_CELL_VOTE', '2025-10-22', cellVote(9)).value).toBe('grassrootsReview');
    const stale = assembled(new Dossier(), '2024-09-20');
    const violation = stale.refuse('papers.expired', 'RECORD_CELL_VOTE', '2025-10-24', cellVote(9));
    expect(violation.message.vi).toContain('Hoàng Văn Giang');
    expect(violation.message.vi).toContain('Đỗ Thị Hạnh');
    expect(violation.message.vi).toContain('ý kiến nhận xét');
    expect(violation.citation).toContain('01-HD/TW (2021)');
  });

  it('takes renewed papers while the dossier waits for the vote: the latest counts', () => {
    const dossier = assembled(new Dossier(), '2024-09-20')
      .send('ADD_INTRODUCER', '2025-10-01', introducer('Hoàng Văn Giang'))
      .send('ADD_INTRODUCER', '2025-10-01', introducer('Đỗ Thị Hạnh'))
      .send('RECORD_COMMENTS', '2025-10-02');
    expect(dossier.context.introducers.map((i) => [i.memberName, i.on])).toEqual([
      ['Hoàng Văn Giang', '2025-10-01'],
      ['Đỗ Thị Hạnh', '2025-10-01'],
    ]);
    expect(dossier.send('RECORD_CELL_VOTE', '2025-10-24', cellVote(9)).value).toBe('grassrootsReview');
  });

  it('takes a renewed union resolution', () => {
    const dossier = new Dossier({ facts: withYouthUnion })
      .send('RECORD_UNION_INTRODUCTION', '2024-10-10', { union: 'youth', resolutionNo: 'NQ-05/ĐTN' })
      .send('RECORD_UNION_INTRODUCTION', '2024-12-10', { union: 'youth', resolutionNo: 'NQ-09/ĐTN' });
    expect(dossier.context.unionIntroduction).toEqual({ union: 'youth', resolutionNo: 'NQ-09/ĐTN', on: '2024-12-10' });
  });
});

describe('over 60 with the consent of the provincial-level committee (RECORD_AGE_EXCEPTION)', () => {
  const consent = { decisionNo: '15-CV/TU', authority: 'Ban Thường vụ Tỉnh ủy Bắc Kạn' };

  it('lets a candidate over 60 be voted on once the consent is recorded, once', () => {
    const dossier = assembled(new Dossier({ candidate: { dateOfBirth: '1964-11-04' } }));
    dossier.refuse('age.range', 'RECORD_CELL_VOTE', '2024-11-05', cellVote(9));
    dossier.send('RECORD_AGE_EXCEPTION', '2024-11-05', consent);
    dossier.refuse('step.alreadyRecorded', 'RECORD_AGE_EXCEPTION', '2024-11-05', consent);
    expect(dossier.send('RECORD_CELL_VOTE', '2024-11-05', cellVote(9)).value).toBe('grassrootsReview');
    expect(dossier.context.ageException).toEqual({ ...consent, on: '2024-11-05' });
  });

  it('does not lower the minimum age', () => {
    const dossier = assembled(new Dossier({ candidate: { dateOfBirth: '2006-11-05' } }));
    dossier.send('RECORD_AGE_EXCEPTION', '2024-11-04', consent);
    dossier.refuse('age.range', 'RECORD_CELL_VOTE', '2024-11-04', cellVote(9));
  });
});

describe('grassroots cells (chi bộ cơ sở, Charter art. 21)', () => {
  it('go from the cell vote straight to the committee decision, and from recognition to its decision', () => {
    const dossier = assembled(new Dossier({ facts: grassrootsCell })).send(
      'RECORD_CELL_VOTE',
      '2024-11-04',
      cellVote(9),
    );
    expect(dossier.value).toBe('committeeDecision');
    expect(deadlinesOf(dossier).admissionDecision.anchorOn).toBe('2024-11-04');
    approvedBy(dossier, 3, '2024-11-20').send('ISSUE_DECISION', '2024-11-22', { decisionNo: '5-QĐ/TU' });
    dossier
      .send('HOLD_CEREMONY', '2024-12-13', { helperName: 'Lê Văn Dũng' })
      .send('FILE_MEMBER_HISTORY', '2025-01-10')
      .send('RECORD_NEW_MEMBER_TRAINING', '2025-03-01', { certificateNo: 'ĐVM-07' })
      .send('SUBMIT_SELF_REVIEW', '2025-12-15')
      .send('RECORD_HELPER_COMMENTS', '2025-12-15')
      .send('RECORD_RECOGNITION_COMMENTS', '2025-12-16')
      .send('RECORD_RECOGNITION_CELL_VOTE', '2025-12-22', recognitionVote(9));
    expect(dossier.value).toBe('recognitionDecision');
  });

  it('let their secretary verify, and only theirs', () => {
    expect(definition.rolesFor('START_VERIFICATION', grassrootsCell)).toContain('cellSecretary');
    expect(definition.rolesFor('START_VERIFICATION', plainCell)).not.toContain('cellSecretary');
    expect(definition.rolesFor('RECORD_GRASSROOTS_VOTE', grassrootsCell)).not.toContain('cellSecretary');
  });
});

describe('background verification, with the exemptions of 01-HD/TW 2021 §3.4c', () => {
  const relatives = [
    { relation: 'father', fullName: FATHER, partyMember: false },
    { relation: 'motherInLaw', fullName: MOTHER, partyMember: true },
  ];
  const verifying = (declared: { relation: string; fullName: string; partyMember: boolean }[] = relatives) =>
    new Dossier()
      .send('SUBMIT_APPLICATION', '2024-10-03')
      .send('SUBMIT_PERSONAL_HISTORY', '2024-10-04', { relatives: declared })
      .send('START_VERIFICATION', '2024-10-07');
  const SPOUSE = 'Lê Thị Dung';
  const BROTHER = 'Nguyễn Văn Cường';

  it.each([
    ['father', 'father'],
    ['mother', 'mother'],
    ['a sibling', 'sibling'],
    ['a child', 'child'],
  ])("needs no answer on the candidate's side when %s is a party member", (_label, relation) => {
    const dossier = verifying([
      { relation: 'guardian', fullName: FATHER, partyMember: false },
      { relation, fullName: BROTHER, partyMember: true },
      { relation: 'spouse', fullName: SPOUSE, partyMember: false },
    ]);
    dossier.refuse('verification.exempt', 'RECORD_VERIFICATION_ANSWER', '2024-10-10', {
      subject: 'candidate',
      adverse: false,
    });
    dossier.refuse('verification.exempt', 'RECORD_VERIFICATION_ANSWER', '2024-10-10', {
      subject: FATHER,
      adverse: false,
    });
    // The spouse's side is verified all the same.
    const missing = dossier.refuse('verification.allAnswered', 'CONCLUDE_VERIFICATION', '2024-10-11', { passed: true });
    expect(missing.message.en).toContain(SPOUSE);
    dossier.send('RECORD_VERIFICATION_ANSWER', '2024-10-10', { subject: SPOUSE, adverse: false });
    expect(dossier.send('CONCLUDE_VERIFICATION', '2024-10-11', { passed: true }).value).toMatchObject({
      assembly: { application: 'verified' },
    });
  });

  it("needs no answer on the spouse's side when a sibling of the spouse is a member, and never verifies siblings", () => {
    const dossier = verifying([
      { relation: 'spouse', fullName: SPOUSE, partyMember: false },
      { relation: 'spouseSibling', fullName: 'Lê Văn Em', partyMember: true },
      { relation: 'sibling', fullName: BROTHER, partyMember: false },
    ]);
    dossier.refuse('verification.exempt', 'RECORD_VERIFICATION_ANSWER', '2024-10-10', {
      subject: SPOUSE,
      adverse: false,
    });
    dossier.refuse('verification.exempt', 'RECORD_VERIFICATION_ANSWER', '2024-10-10', {
      subject: BROTHER,
      adverse: false,
    });
    dossier.send('RECORD_VERIFICATION_ANSWER', '2024-10-10', { subject: 'candidate', adverse: false });
    expect(
      dossier.send('CONCLUDE_VERIFICATION', '2024-10-11', { passed: true }).context.verification.concluded,
    ).toEqual({ on: '2024-10-11', passed: true });
  });

  it('refuses two relatives with the same name (history.relatives)', () => {
    const twice = [...relatives, { relation: 'guardian', fullName: FATHER, partyMember: false }];
    const dossier = new Dossier().send('SUBMIT_APPLICATION', '2024-10-03');
    dossier.refuse('history.relatives', 'SUBMIT_PERSONAL_HISTORY', '2024-10-04', { relatives: twice });
  });

  it('verifies the candidate and every relative who is not a declared party member', () => {
    const dossier = verifying();
    dossier.refuse('verification.exempt', 'RECORD_VERIFICATION_ANSWER', '2024-10-10', {
      subject: MOTHER,
      adverse: false,
    });
    const stranger = { subject: 'Người lạ', adverse: false };
    dossier.refuse('verification.subject', 'RECORD_VERIFICATION_ANSWER', '2024-10-10', stranger);
    dossier.send('RECORD_VERIFICATION_ANSWER', '2024-10-10', { subject: 'candidate', adverse: false });
    const again = { subject: 'candidate', adverse: true };
    dossier.refuse('verification.subject', 'RECORD_VERIFICATION_ANSWER', '2024-10-11', again);
    const violation = dossier.refuse('verification.allAnswered', 'CONCLUDE_VERIFICATION', '2024-10-12', {
      passed: true,
    });
    expect(violation.message.en).toContain(FATHER);
    dossier.send('RECORD_VERIFICATION_ANSWER', '2024-10-11', { subject: FATHER, adverse: false });
    expect(
      dossier.send('CONCLUDE_VERIFICATION', '2024-10-12', { passed: true }).matches('assembly.application.verified'),
    ).toBe(true);
  });

  it('rejects the dossier when the verification fails', () => {
    const dossier = verifying()
      .send('RECORD_VERIFICATION_ANSWER', '2024-10-10', { subject: 'candidate', adverse: false })
      .send('RECORD_VERIFICATION_ANSWER', '2024-10-11', { subject: FATHER, adverse: true, note: 'Vi phạm' })
      .send('CONCLUDE_VERIFICATION', '2024-10-14', { passed: false, note: 'Không đạt tiêu chuẩn chính trị' });
    expect(dossier.value).toBe('rejected');
    expect(dossier.context.outcome).toMatchObject({ kind: 'rejected', reason: 'Không đạt tiêu chuẩn chính trị' });
  });
});

describe('education minimum (education.minimum)', () => {
  it('refuses primary education without a recorded exception', () => {
    const dossier = assembled(new Dossier({ candidate: { generalEducation: 'primary' } }));
    const violation = dossier.refuse('education.minimum', 'RECORD_CELL_VOTE', '2024-11-04', cellVote(9));
    expect(violation.message.en).toContain('lower secondary');
  });

  it('accepts primary education with the exception for a mountain area', () => {
    const candidate = { generalEducation: 'primary' as const, educationException: { area: 'mountain' as const } };
    const dossier = assembled(new Dossier({ candidate })).send('RECORD_CELL_VOTE', '2024-11-04', cellVote(9));
    expect(dossier.matches('grassrootsReview')).toBe(true);
  });

  it('accepts lower secondary education without exception', () => {
    const dossier = assembled(new Dossier({ candidate: { generalEducation: 'lowerSecondary' } }));
    expect(dossier.send('RECORD_CELL_VOTE', '2024-11-04', cellVote(9)).matches('grassrootsReview')).toBe(true);
  });
});

describe('grassroots review', () => {
  it('rejects the dossier on a failed grassroots vote (5 of 9)', () => {
    const dossier = assembled(new Dossier())
      .send('RECORD_CELL_VOTE', '2024-11-04', cellVote(9))
      .send('RECORD_GRASSROOTS_VOTE', '2024-11-20', { committeeMembers: 9, inFavour: 5, against: 4 });
    expect(dossier.value).toBe('rejected');
    expect(dossier.context.outcome).toMatchObject({ kind: 'rejected', on: '2024-11-20' });
  });

  it('needs the section appraisal first where the cell sits under a section (appraisal.sectionFirst)', () => {
    const dossier = assembled(new Dossier({ facts: { ...plainCell, hasSection: true } })).send(
      'RECORD_CELL_VOTE',
      '2024-11-04',
      cellVote(9),
    );
    const vote = { committeeMembers: 9, inFavour: 7, against: 2 };
    dossier.refuse('appraisal.sectionFirst', 'RECORD_GRASSROOTS_VOTE', '2024-11-20', vote);
    dossier.send('RECORD_SECTION_APPRAISAL', '2024-11-12');
    dossier.refuse('step.alreadyRecorded', 'RECORD_SECTION_APPRAISAL', '2024-11-13');
    expect(dossier.send('RECORD_GRASSROOTS_VOTE', '2024-11-20', vote).value).toBe('committeeDecision');
  });

  it('refuses an appraisal where there is no section (appraisal.noSection)', () => {
    const dossier = assembled(new Dossier()).send('RECORD_CELL_VOTE', '2024-11-04', cellVote(9));
    dossier.refuse('appraisal.noSection', 'RECORD_SECTION_APPRAISAL', '2024-11-12');
  });

  it('makes the delegated grassroots vote the decision', () => {
    const dossier = proposed(new Dossier({ facts: delegated }));
    expect(dossier.value).toBe('awaitingCeremony');
    expect(dossier.context.decision).toMatchObject({ signedOn: '2024-11-20', byDelegation: true });
  });
});

describe('committee decision: more than half of the members approve (decision.majority)', () => {
  it('refuses the decision with 2 of 5 approvals and accepts it with 3', () => {
    const dossier = approvedBy(proposed(new Dossier()), 2, '2024-12-02');
    const violation = dossier.refuse('decision.majority', 'ISSUE_DECISION', '2024-12-04', { decisionNo: '1-QĐ' });
    expect(violation.message.en).toContain('(3 of 5)');
    dossier.send('APPROVE_DECISION', '2024-12-03', {}, committeeMember('uv-3'));
    expect(dossier.send('ISSUE_DECISION', '2024-12-04', { decisionNo: '1-QĐ' }).value).toBe('awaitingCeremony');
  });

  it('does not count objections as approvals', () => {
    const dossier = approvedBy(proposed(new Dossier()), 2, '2024-12-02');
    for (const member of ['uv-3', 'uv-4', 'uv-5'])
      dossier.send('OBJECT_DECISION', '2024-12-03', { note: 'Chưa đủ điều kiện' }, committeeMember(member));
    dossier.refuse('decision.majority', 'ISSUE_DECISION', '2024-12-04', { decisionNo: '1-QĐ' });
    expect(dossier.send('REFUSE_ADMISSION', '2024-12-05', { reason: 'Không chuẩn y' }).value).toBe('rejected');
  });

  it('takes one approval or objection per member (decision.oneVotePerMember)', () => {
    const dossier = approvedBy(proposed(new Dossier()), 1, '2024-12-02');
    dossier.refuse('decision.oneVotePerMember', 'APPROVE_DECISION', '2024-12-03', {}, committeeMember('uv-1'));
    const objection = { note: 'Đổi ý' };
    dossier.refuse('decision.oneVotePerMember', 'OBJECT_DECISION', '2024-12-03', objection, committeeMember('uv-1'));
    expect(dossier.context.decisionVotes).toHaveLength(1);
  });

  it('needs the committee size to count a majority (decision.committeeSize)', () => {
    const dossier = approvedBy(proposed(new Dossier()), 3, '2024-12-02');
    const unknownSize = { facts: { ...plainCell, committeeSize: null } };
    dossier.refuse('decision.committeeSize', 'ISSUE_DECISION', '2024-12-04', { decisionNo: '1-QĐ' }, unknownSize);
  });

  it('extends the deadline once (deadline.extension.once)', () => {
    const dossier = proposed(new Dossier()).send('EXTEND_DEADLINE', '2024-12-02', { reason: 'Thẩm tra bổ sung' });
    dossier.refuse('deadline.extension.once', 'EXTEND_DEADLINE', '2024-12-03', { reason: 'Lần hai' });
  });
});

describe('dates', () => {
  it('refuses a date after today and accepts today (date.notFuture)', () => {
    const tomorrow = '2026-11-28';
    expect(TODAY).toBe('2026-11-27');
    const certificate = { certificateNo: 'GCN-05', issuedOn: '2026-11-02', issuer: 'Trung tâm Chính trị' };
    const renewed = () =>
      assembled(new Dossier())
        .send('RECORD_AWARENESS_CERTIFICATE', '2026-11-02', certificate)
        .send('ADD_INTRODUCER', '2026-11-03', introducer('Hoàng Văn Giang'))
        .send('ADD_INTRODUCER', '2026-11-03', introducer('Đỗ Thị Hạnh'))
        .send('RECORD_COMMENTS', '2026-11-04');
    renewed().refuse('date.notFuture', 'RECORD_CELL_VOTE', tomorrow, cellVote(9));
    expect(renewed().send('RECORD_CELL_VOTE', TODAY, cellVote(9)).value).toBe('grassrootsReview');
  });

  it('refuses a step dated before the previous one (date.order)', () => {
    const dossier = assembled(new Dossier());
    const violation = dossier.refuse('date.order', 'RECORD_CELL_VOTE', '2024-10-22', cellVote(9));
    expect(violation.message.en).toContain('2024-10-23');
  });

  it('orders the helpers: a replacement cannot precede the helper it replaces', () => {
    const dossier = admitted(new Dossier()).send('REPLACE_HELPER', '2025-06-02', { helperName: 'Phạm Thị Em' });
    dossier.refuse('date.order', 'REPLACE_HELPER', '2025-06-01', { helperName: 'Trịnh Văn Phúc' });
    // The probation regions keep their own chain: the course may still be dated before the replacement.
    dossier.send('RECORD_NEW_MEMBER_TRAINING', '2025-03-01', { certificateNo: 'ĐVM-07' });
    dossier.send('REPLACE_HELPER', '2025-06-02', { helperName: 'Trịnh Văn Phúc' });
    expect(dossier.context.helpers.map((h) => h.from)).toEqual([CEREMONY_ON, '2025-06-02', '2025-06-02']);
  });

  it('orders each assembly region on its own chain', () => {
    const dossier = new Dossier().send('SUBMIT_APPLICATION', '2024-10-10');
    dossier.refuse('date.order', 'SUBMIT_PERSONAL_HISTORY', '2024-10-09', { relatives: [] });
    // Comments do not follow the application: they may be dated before it.
    dossier.send('RECORD_COMMENTS', '2024-10-05');
    dossier.refuse('date.order', 'RECORD_COMMENTS', '2024-09-30');
  });
});

describe('ceremony: after the decision, within 30 working days or with consent', () => {
  // Decision signed on Wednesday 4 Dec 2024; 30 working days later is Wednesday 15 Jan 2025.
  it('refuses a ceremony before the decision (ceremony.afterDecision)', () => {
    decided(new Dossier()).refuse('ceremony.afterDecision', 'HOLD_CEREMONY', '2024-12-03', {
      helperName: 'Lê Văn Dũng',
    });
  });

  it('accepts the ceremony on the 30th working day', () => {
    const dossier = decided(new Dossier()).send('HOLD_CEREMONY', '2025-01-15', { helperName: 'Lê Văn Dũng' });
    expect(dossier.matches('probation')).toBe(true);
  });

  it('refuses the 31st working day without consent (ceremony.lateConsent), accepts it with consent', () => {
    const dossier = decided(new Dossier());
    const violation = dossier.refuse('ceremony.lateConsent', 'HOLD_CEREMONY', '2025-01-16', {
      helperName: 'Lê Văn Dũng',
    });
    expect(violation.message.en).toContain('due 2025-01-15');
    dossier.send('RECORD_CEREMONY_CONSENT', '2025-01-16');
    expect(dossier.send('HOLD_CEREMONY', '2025-01-20', { helperName: 'Lê Văn Dũng' }).matches('probation')).toBe(true);
  });

  it('counts working days, not calendar days, across weekends', () => {
    // Decision on Friday 6 Dec 2024: the 30th working day is Friday 17 Jan 2025, 42 calendar days later.
    const dossier = approvedBy(proposed(new Dossier()), 3, '2024-12-02').send('ISSUE_DECISION', '2024-12-06', {
      decisionNo: '2-QĐ',
    });
    expect(dueDates(dossier).ceremony).toBe('2025-01-17');
    dossier.fork().refuse('ceremony.lateConsent', 'HOLD_CEREMONY', '2025-01-18', { helperName: 'Lê Văn Dũng' });
    expect(dossier.send('HOLD_CEREMONY', '2025-01-17', { helperName: 'Lê Văn Dũng' }).matches('probation')).toBe(true);
  });
});

describe('recognition', () => {
  it('refuses recognition steps before the 12 months end (recognition.afterProbation)', () => {
    const dossier = admitted(new Dossier());
    dossier.refuse('recognition.afterProbation', 'SUBMIT_SELF_REVIEW', '2025-12-12');
    expect(dossier.send('SUBMIT_SELF_REVIEW', PROBATION_ENDS_ON).value).toBe('recognitionReview');
  });

  it('refuses a recognition cell vote dated before the end of probation', () => {
    const dossier = readyForRecognition(new Dossier());
    dossier.refuse('recognition.afterProbation', 'RECORD_RECOGNITION_CELL_VOTE', '2025-12-12', recognitionVote(10));
  });

  it('needs the recognition dossier complete before the cell votes (recognition.dossierComplete)', () => {
    const dossier = admitted(new Dossier()).send('SUBMIT_SELF_REVIEW', '2025-12-15');
    const violation = dossier.refuse(
      'recognition.dossierComplete',
      'RECORD_RECOGNITION_CELL_VOTE',
      '2025-12-22',
      recognitionVote(10),
    );
    expect(violation.message.en).toContain('new-member course certificate');
  });

  it('records a failed recognition cell vote and stays', () => {
    const dossier = readyForRecognition(new Dossier()).send(
      'RECORD_RECOGNITION_CELL_VOTE',
      '2025-12-22',
      recognitionVote(7),
    );
    expect(dossier.value).toBe('recognitionReview');
    expect(dossier.context.recognition).toMatchObject({ failedVotes: 1, cellResolution: null, escalatedOn: null });
  });

  it('escalates on the third failed cell vote', () => {
    const dossier = readyForRecognition(new Dossier())
      .send('RECORD_RECOGNITION_CELL_VOTE', '2025-12-22', recognitionVote(7))
      .send('RECORD_RECOGNITION_CELL_VOTE', '2026-01-05', recognitionVote(6, 'remove'));
    expect([dossier.value, dossier.context.recognition.failedVotes]).toEqual(['recognitionReview', 2]);
    dossier.send('RECORD_RECOGNITION_CELL_VOTE', '2026-01-12', recognitionVote(7));
    expect(dossier.value).toBe('escalated');
    expect(dossier.context.recognition).toMatchObject({ failedVotes: 3, escalatedOn: '2026-01-12' });
    // The committee above decides without the members' round.
    dossier.send('ISSUE_RECOGNITION', '2026-02-02', { decisionNo: '9-QĐ/TU' });
    expect(dossier.value).toBe('officialMember');
    expect(definition.derivedDates(dossier.snapshot).officialFrom).toBe(PROBATION_ENDS_ON);
  });

  it('counts a failed grassroots vote towards the three', () => {
    const dossier = readyForRecognition(new Dossier())
      .send('RECORD_RECOGNITION_CELL_VOTE', '2025-12-22', recognitionVote(7))
      .send('RECORD_RECOGNITION_CELL_VOTE', '2026-01-05', recognitionVote(9))
      .send('RECORD_RECOGNITION_GRASSROOTS_VOTE', '2026-01-12', { committeeMembers: 9, inFavour: 5, against: 4 });
    expect(dossier.value).toBe('recognitionReview');
    expect(dossier.context.recognition).toMatchObject({ failedVotes: 2, cellResolution: null });
    dossier
      .send('RECORD_RECOGNITION_CELL_VOTE', '2026-01-19', recognitionVote(8))
      .send('RECORD_RECOGNITION_GRASSROOTS_VOTE', '2026-01-26', { committeeMembers: 9, inFavour: 4, against: 5 });
    expect(dossier.value).toBe('escalated');
  });

  it('removes from probation on a proposal to remove, and refuses recognition against it', () => {
    const dossier = readyForRecognition(new Dossier())
      .send('RECORD_RECOGNITION_CELL_VOTE', '2025-12-22', recognitionVote(9, 'remove'))
      .send('RECORD_RECOGNITION_GRASSROOTS_VOTE', '2026-01-05', { committeeMembers: 9, inFavour: 7, against: 2 });
    approvedBy(dossier, 3, '2026-01-12');
    dossier.refuse('recognition.proposal', 'ISSUE_RECOGNITION', '2026-01-15', { decisionNo: '10-QĐ/TU' });
    dossier.send('ISSUE_REMOVAL', '2026-01-15', { decisionNo: '11-QĐ/TU', reason: 'Vi phạm tư cách đảng viên' });
    expect(dossier.value).toBe('removedFromProbation');
    expect(definition.derivedDates(dossier.snapshot)).toMatchObject({ partyAgeFrom: null, officialFrom: null });
  });

  it('needs a majority of objections to remove a member the cell proposed to recognise', () => {
    const dossier = readyForRecognition(new Dossier())
      .send('RECORD_RECOGNITION_CELL_VOTE', '2025-12-22', recognitionVote(9))
      .send('RECORD_RECOGNITION_GRASSROOTS_VOTE', '2026-01-05', { committeeMembers: 9, inFavour: 7, against: 2 });
    const removal = { decisionNo: '11-QĐ/TU', reason: 'Không đủ tư cách' };
    for (const member of ['uv-1', 'uv-2'])
      dossier.send('OBJECT_DECISION', '2026-01-12', { note: 'Không đồng ý' }, committeeMember(member));
    dossier.refuse('decision.majority', 'ISSUE_REMOVAL', '2026-01-15', removal);
    dossier.refuse('decision.majority', 'ISSUE_RECOGNITION', '2026-01-15', { decisionNo: '10-QĐ/TU' });
    dossier.send('OBJECT_DECISION', '2026-01-13', { note: 'Không đồng ý' }, committeeMember('uv-3'));
    expect(dossier.send('ISSUE_REMOVAL', '2026-01-15', removal).value).toBe('removedFromProbation');
  });

  it('refuses a document recorded twice (step.alreadyRecorded)', () => {
    const dossier = readyForRecognition(new Dossier());
    dossier.refuse('step.alreadyRecorded', 'SUBMIT_SELF_REVIEW', '2025-12-20');
    dossier.refuse('step.alreadyRecorded', 'FILE_MEMBER_HISTORY', '2025-12-20');
  });
});

describe('removal during the probation (Charter art. 5.2)', () => {
  it('may be proposed at any date of the probation, with a reason; recognition still waits for the 12 months', () => {
    const dossier = admitted(new Dossier()).send('FILE_MEMBER_HISTORY', '2025-01-10');
    const early = { ...recognitionVote(9, 'remove'), reason: undefined };
    dossier.refuse('removal.reason', 'RECORD_RECOGNITION_CELL_VOTE', '2025-04-01', early);
    dossier.refuse('recognition.afterProbation', 'RECORD_RECOGNITION_CELL_VOTE', '2025-04-01', recognitionVote(10));
    dossier.send('RECORD_RECOGNITION_CELL_VOTE', '2025-04-01', recognitionVote(9, 'remove'));
    expect(dossier.value).toBe('recognitionGrassrootsReview');
    expect(dossier.context.recognition.cellResolution).toMatchObject({ proposal: 'remove', passed: true });
  });

  it('returns to the probation, its steps as they were, when the grassroots committee does not confirm it', () => {
    const dossier = admitted(new Dossier())
      .send('FILE_MEMBER_HISTORY', '2025-01-10')
      .send('RECORD_RECOGNITION_CELL_VOTE', '2025-04-01', recognitionVote(9, 'remove'))
      .send('RECORD_RECOGNITION_GRASSROOTS_VOTE', '2025-04-08', { committeeMembers: 9, inFavour: 4, against: 5 });
    expect(dossier.value).toEqual({
      probation: { newMemberCourse: 'pending', memberHistory: 'filed', helper: 'assigned' },
    });
    expect(dossier.context.votes.map((v) => [v.kind, v.passed])).toEqual([
      ['cell', true],
      ['grassroots', true],
      ['recognitionCell', true],
      ['recognitionGrassroots', false],
    ]);
  });

  it('keeps a failed removal vote and stays in the probation', () => {
    const dossier = admitted(new Dossier()).send(
      'RECORD_RECOGNITION_CELL_VOTE',
      '2025-04-01',
      recognitionVote(6, 'remove'),
    );
    expect(dossier.matches('probation')).toBe(true);
    expect(dossier.context.recognition.failedVotes).toBe(1);
  });
});

describe('the ceremony counts from the cell receiving the decision (RECORD_DECISION_RECEIVED)', () => {
  it('moves the 30 working days to the day of receipt, recorded once', () => {
    const dossier = decided(new Dossier());
    expect(deadlinesOf(dossier).ceremony).toMatchObject({ anchorOn: '2024-12-04', dueOn: '2025-01-15' });
    dossier.send('RECORD_DECISION_RECEIVED', '2024-12-11');
    expect(deadlinesOf(dossier).ceremony).toMatchObject({ anchorOn: '2024-12-11', dueOn: '2025-01-22' });
    dossier.refuse('step.alreadyRecorded', 'RECORD_DECISION_RECEIVED', '2024-12-12');
    // Held on the 30th working day after the receipt: no consent needed.
    expect(dossier.send('HOLD_CEREMONY', '2025-01-22', { helperName: 'Lê Văn Dũng' }).matches('probation')).toBe(true);
  });
});

describe('amending the candidate (AMEND_CANDIDATE)', () => {
  it('changes the details in any state, keeps the replaced values for the history, and moves no date', () => {
    const dossier = decided(new Dossier()).send('WITHDRAW', '2024-12-10', { reason: 'Chuyển công tác' });
    const lastOn = dossier.context.lastOn;
    const changes = { fullName: 'Nguyễn Văn Ân', dateOfBirth: '2000-05-16' };
    const { before, after } = dossier.try('AMEND_CANDIDATE', '2026-11-27', { changes, reason: 'Sai chính tả' });
    expect(dossier.value).toBe('withdrawn');
    expect(dossier.context.candidate).toMatchObject(changes);
    expect(dossier.context.lastOn).toBe(lastOn);
    const sent = dossier.event('AMEND_CANDIDATE', '2026-11-27', { changes, reason: 'Sai chính tả' });
    expect(definition.annotate(before, after, sent)).toEqual({
      previous: { fullName: 'Nguyễn Văn An', dateOfBirth: '2000-05-15' },
    });
    expect(definition.subject(dossier.snapshot).name).toBe('Nguyễn Văn Ân');
  });

  it('refuses an amendment that changes nothing (amend.unchanged)', () => {
    const changes = { occupation: 'civilServant' };
    new Dossier().refuse('amend.unchanged', 'AMEND_CANDIDATE', '2024-10-02', { changes, reason: 'Kiểm tra lại' });
  });
});

describe('what the dossier view shows of votes and approvals', () => {
  it('lists every vote with its result, and the approvals while the committee decides', () => {
    const dossier = assembled(new Dossier())
      .send('RECORD_CELL_VOTE', '2024-11-04', cellVote(7))
      .send('RECORD_CELL_VOTE', '2024-11-11', cellVote(9))
      .send('RECORD_GRASSROOTS_VOTE', '2024-11-20', { committeeMembers: 9, inFavour: 7, against: 2 });
    approvedBy(dossier, 1, '2024-11-25').send(
      'OBJECT_DECISION',
      '2024-11-26',
      { note: 'Chưa đủ' },
      committeeMember('uv-5'),
    );
    expect(definition.view(dossier.snapshot)).toEqual({
      votes: [
        { kind: 'cell', occurredOn: '2024-11-04', members: 11, inFavour: 7, against: 4, passed: false },
        { kind: 'cell', occurredOn: '2024-11-11', members: 11, inFavour: 9, against: 2, passed: true },
        { kind: 'grassroots', occurredOn: '2024-11-20', members: 9, inFavour: 7, against: 2, passed: true },
      ],
      approvals: { inFavour: 1, objections: 1, required: 3, members: 5 },
    });
    for (const member of ['uv-2', 'uv-3']) dossier.send('APPROVE_DECISION', '2024-11-27', {}, committeeMember(member));
    dossier.send('ISSUE_DECISION', '2024-11-29', { decisionNo: '7-QĐ/TU' });
    expect(definition.view(dossier.snapshot).approvals).toBeNull();
  });

  it('rejects on a failed grassroots vote, recorded as failed', () => {
    const dossier = assembled(new Dossier()).send('RECORD_CELL_VOTE', '2024-11-04', cellVote(9));
    const { before, after } = dossier.try('RECORD_GRASSROOTS_VOTE', '2024-11-20', {
      committeeMembers: 9,
      inFavour: 5,
      against: 4,
    });
    expect(dossier.value).toBe('rejected');
    const sent = dossier.event('RECORD_GRASSROOTS_VOTE', '2024-11-20', {
      committeeMembers: 9,
      inFavour: 5,
      against: 4,
    });
    expect(definition.annotate(before, after, sent)).toEqual({ passed: false });
  });
});

describe('policy version by the date of the event', () => {
  it('chooses the regulation set in force on the date', () => {
    const idOn = (date: string) => definition.policyFor(date).id;
    expect(idOn('2021-07-29')).toBe('2016-29-QD-TW');
    expect(idOn('2021-07-30')).toBe('2021-24-QD-TW');
    expect(idOn('2025-01-19')).toBe('2021-24-QD-TW');
    expect(idOn('2025-01-20')).toBe('2025-232-QD-TW');
    expect(idOn('2025-06-30')).toBe('2025-232-QD-TW');
    expect(idOn('2025-07-01')).toBe('2025-294-QD-TW');
    expect(definition.policyFor('2025-07-01')).toEqual({ id: '2025-294-QD-TW', effectiveFrom: '2025-07-01' });
  });

  it('cites the regulation in force on the vote date', () => {
    const old = (on: string) =>
      assembled(new Dossier(), '2020-06-30').refuse('certificate.valid', 'RECORD_CELL_VOTE', on, cellVote(9));
    expect(old('2025-06-30').citation).toContain('01-HD/TW (2021)');
    expect(old('2025-07-01').citation).toContain('06-HD/TW (2025)');
    const age = assembled(new Dossier({ candidate: { dateOfBirth: '2007-07-02' } }));
    expect(age.refuse('age.range', 'RECORD_CELL_VOTE', '2025-07-01', cellVote(9)).citation).toContain('294-QĐ/TW');
  });
});

describe('derived dates', () => {
  it('derives admission, party age, probation end and official-from dates, even when recognised late', () => {
    const dossier = readyForRecognition(new Dossier())
      .send('RECORD_RECOGNITION_CELL_VOTE', '2026-02-23', recognitionVote(10))
      .send('RECORD_RECOGNITION_GRASSROOTS_VOTE', '2026-03-02', { committeeMembers: 9, inFavour: 7, against: 2 });
    approvedBy(dossier, 3, '2026-03-05').send('ISSUE_RECOGNITION', '2026-03-10', { decisionNo: '45-QĐ/TU' });
    expect(dossier.value).toBe('officialMember');
    expect(definition.derivedDates(dossier.snapshot)).toMatchObject({
      decisionOn: '2024-12-04',
      admittedOn: CEREMONY_ON,
      partyAgeFrom: '2024-12-04',
      probationEndsOn: PROBATION_ENDS_ON,
      officialFrom: PROBATION_ENDS_ON,
      closedOn: '2026-03-10',
    });
  });

  it('has no official-from date before recognition', () => {
    expect(definition.derivedDates(admitted(new Dossier()).snapshot)).toMatchObject({
      admittedOn: CEREMONY_ON,
      probationEndsOn: PROBATION_ENDS_ON,
      officialFrom: null,
    });
  });

  it('counts party age only for an official member (Charter art. 5.4), from the delegated vote that decided', () => {
    const dossier = proposed(new Dossier({ facts: delegated })).send('HOLD_CEREMONY', '2024-11-29', {
      helperName: 'Lê Văn Dũng',
    });
    expect(definition.derivedDates(dossier.snapshot)).toMatchObject({
      partyAgeFrom: null,
      admittedOn: '2024-11-29',
      probationEndsOn: '2025-11-29',
    });
    dossier
      .send('FILE_MEMBER_HISTORY', '2025-01-10')
      .send('RECORD_NEW_MEMBER_TRAINING', '2025-03-01', { certificateNo: 'ĐVM-07' })
      .send('SUBMIT_SELF_REVIEW', '2025-12-01')
      .send('RECORD_HELPER_COMMENTS', '2025-12-01')
      .send('RECORD_RECOGNITION_COMMENTS', '2025-12-01')
      .send('RECORD_RECOGNITION_CELL_VOTE', '2025-12-02', recognitionVote(10))
      .send('RECORD_RECOGNITION_GRASSROOTS_VOTE', '2025-12-09', { committeeMembers: 9, inFavour: 7, against: 2 });
    expect(dossier.value).toBe('officialMember');
    expect(definition.derivedDates(dossier.snapshot)).toMatchObject({ partyAgeFrom: '2024-11-20' });
  });
});

describe('deadlines on the weekends-only calendar', () => {
  it('gives the decision 60 working days from the cell resolution, 30 more after an extension', () => {
    // Cell resolution on Monday 4 Nov 2024: 60 working days = 12 weeks.
    const review = assembled(new Dossier()).send('RECORD_CELL_VOTE', '2024-11-04', cellVote(9));
    expect(deadlinesOf(review).admissionDecision).toMatchObject({
      anchorOn: '2024-11-04',
      dueOn: '2025-01-27',
      audience: 'committee',
      leadWorkingDays: 5,
    });
    const dossier = proposed(new Dossier());
    expect(dueDates(dossier).admissionDecision).toBe('2025-01-27');
    dossier.send('EXTEND_DEADLINE', '2025-01-20', { reason: 'Thẩm tra bổ sung' });
    expect(dueDates(dossier).admissionDecision).toBe('2025-03-10');
    approvedBy(dossier, 3, '2025-02-03').send('ISSUE_DECISION', '2025-02-05', { decisionNo: '4-QĐ' });
    expect(dueDates(dossier).admissionDecision).toBeUndefined();
  });

  it('gives the ceremony 30 working days from the decision', () => {
    expect(deadlinesOf(decided(new Dossier())).ceremony).toMatchObject({ anchorOn: '2024-12-04', dueOn: '2025-01-15' });
  });

  it('gives the member history 30 working days from the ceremony, until it is filed', () => {
    const dossier = admitted(new Dossier());
    expect(dueDates(dossier)).toMatchObject({
      memberHistory: '2025-01-24',
      probationEnd: PROBATION_ENDS_ON,
      // Probation ends on Saturday 13 Dec 2025: the 30th working day after it is Friday 23 Jan 2026.
      recognitionReview: '2026-01-23',
    });
    dossier.send('FILE_MEMBER_HISTORY', '2025-01-10');
    expect(dueDates(dossier).memberHistory).toBeUndefined();
  });

  it('gives the recognition decision 30 working days from the recognition cell resolution, +30 once', () => {
    const dossier = readyForRecognition(new Dossier()).send(
      'RECORD_RECOGNITION_CELL_VOTE',
      '2025-12-22',
      recognitionVote(10),
    );
    expect(dueDates(dossier)).toEqual({ recognitionDecision: '2026-02-02' });
    dossier.send('RECORD_RECOGNITION_GRASSROOTS_VOTE', '2026-01-05', { committeeMembers: 9, inFavour: 7, against: 2 });
    dossier.send('EXTEND_DEADLINE', '2026-01-26', { reason: 'Chờ ý kiến' });
    expect(dueDates(dossier)).toEqual({ recognitionDecision: '2026-03-16' });
  });

  it('has no deadline in an end state', () => {
    const dossier = assembled(new Dossier()).send('WITHDRAW', '2024-10-25', { reason: 'Chuyển công tác' });
    expect(dossier.value).toBe('withdrawn');
    expect(definition.deadlines(dossier.snapshot)).toEqual([]);
  });
});

describe('every rule of the workflow', () => {
  it('is refused at least once by the tests above, with its id, both messages and a citation', () => {
    const rulesDir = join(__dirname, '../src/rules');
    const declared = new Set(
      readdirSync(rulesDir).flatMap((file) =>
        [...readFileSync(join(rulesDir, file), 'utf8').matchAll(/violation\(\s*'([^']+)'/g)].map((m) => m[1]),
      ),
    );
    expect(declared.size).toBeGreaterThan(20);
    expect([...declared].filter((rule) => !refusedRules.has(rule)).sort()).toEqual([]);
  });
});
