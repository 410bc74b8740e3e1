import type { Vote } from '@workflows/admission/machine/context';
import type { DocumentSource } from '../document-source';
import { bodyOf, organisationOf, placeOf } from '../organisation-names';
import type { PartyDocument } from '../party-document';
import { percentOf, placeAndDate, upper } from '../vietnamese-text';

type Header = Pick<PartyDocument, 'superior' | 'issuer'>;

/** The number line: the recorded number, or the blank number with its suffix for the office to fill in. */
export const numberLine = (recorded: string | undefined, suffix: string) =>
  recorded ? `Số ${recorded}` : `Số       -${suffix}`;

/** The place of every document of the dossier: the locality of the deciding committee. */
export const datedLine = (source: DocumentSource, date: string) =>
  placeAndDate(placeOf(source.organisations.committee), date);

/** The party organisation the grassroots level belongs to: the grassroots organisation, or the committee's. */
const grassrootsOrganisation = (source: DocumentSource) =>
  source.organisations.grassroots ?? organisationOf(source.organisations.committee);

export const cellHeader = (source: DocumentSource): Header => ({
  superior: upper(grassrootsOrganisation(source)),
  issuer: upper(source.organisations.cell),
});

export const sectionHeader = (source: DocumentSource): Header => ({
  superior: upper(grassrootsOrganisation(source)),
  issuer: upper(source.organisations.section ?? ''),
});

export const grassrootsHeader = (source: DocumentSource): Header => ({
  superior: upper(organisationOf(source.organisations.committee)),
  issuer: upper(grassrootsBody(source)),
});

export const committeeHeader = (source: DocumentSource): Header => ({
  superior: source.organisations.committeeSuperior
    ? upper(organisationOf(source.organisations.committeeSuperior))
    : null,
  issuer: upper(source.organisations.committee),
});

/** "Đảng ủy Sở Giáo dục": the grassroots committee that votes; a grassroots cell votes as the cell itself. */
export const grassrootsBody = (source: DocumentSource) =>
  source.organisations.grassroots ? bodyOf(source.organisations.grassroots) : source.organisations.cell;

/** Whom the cell's resolutions go to: the grassroots committee, or the standing committee above a grassroots cell. */
export const cellProposesTo = (source: DocumentSource) =>
  source.organisations.grassroots ? bodyOf(source.organisations.grassroots) : standingCommittee(source);

/** "Ban Thường vụ Thành ủy Bắc Kạn": the standing committee that decides. */
export const standingCommittee = (source: DocumentSource) => `Ban Thường vụ ${source.organisations.committee}`;

/** The body that signs the decision: the standing committee, or the grassroots committee holding delegation. */
export const decidingBody = (source: DocumentSource, byDelegation: boolean) =>
  byDelegation ? grassrootsBody(source) : standingCommittee(source);

/**
 * The attendance and result lines of a vote. The dossier records the members entitled to vote and the votes for and
 * against; every member present votes, so those present are the votes cast and the others are absent.
 */
export function voteLines(vote: Vote, voters: string, of: string, object: string) {
  const present = vote.inFavour + vote.against;
  return {
    attendance: `Tổng số ${voters} ${of}: ${vote.base} đồng chí; có mặt: ${present} đồng chí; vắng mặt: ${vote.base - present} đồng chí.`,
    result:
      `Số ${voters} tán thành ${object} là ${vote.inFavour} đồng chí, đạt ${percentOf(vote.inFavour, vote.base)} ` +
      `so với tổng số ${voters} ${of}; không tán thành ${vote.against} đồng chí, chiếm ${percentOf(vote.against, vote.base)}.`,
  };
}
