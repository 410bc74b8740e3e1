import type { LocalDate } from '@workflows/common/local-date';
import type { WorkingDaysPort } from '@workflows/common/working-days-port';
import type { DeadlineAudience, DeadlineSpec } from '@workflows/common/workflow-definition';
import type { AdmissionContext } from './machine/context';
import {
  admissionDecisionDueOn,
  ceremonyAnchorOn,
  ceremonyDueOn,
  certificateExpiresOn,
  memberHistoryDueOn,
  probationEndsOn,
  recognitionDecisionDueOn,
  recognitionReviewDueOn,
  verificationAnswerDueOn,
} from './machine/due-dates';
import { unansweredSubjects } from './rules/verification.rules';
import { policyVersionOn } from './policy/policy-versions';

interface Snapshot {
  context: AdmissionContext;
  matches(path: string): boolean;
}

interface DeadlineKind {
  kind: string;
  label: string;
  audience: DeadlineAudience;
  isStep: boolean;
  openIn(snapshot: Snapshot): boolean;
  anchorOn(context: AdmissionContext): LocalDate | null | undefined;
  dueOn(context: AdmissionContext, calendar: WorkingDaysPort): LocalDate | null;
}

const beforeCellVote = (s: Snapshot) => s.matches('candidate') || s.matches('assembly') || s.matches('cellReview');

/** Every deadline of domain.md: when it is open, what it counts from, and who must act. */
export const DEADLINE_KINDS: readonly DeadlineKind[] = [
  {
    kind: 'certificateExpiry',
    label: 'Giấy chứng nhận học lớp nhận thức về Đảng hết hạn trước khi chi bộ xét',
    audience: 'cell',
    isStep: false,
    openIn: (s) => beforeCellVote(s) && !!s.context.certificate,
    anchorOn: (c) => c.certificate?.issuedOn,
    dueOn: (c) => certificateExpiresOn(c),
  },
  {
    kind: 'verificationAnswer',
    label: 'Thời hạn trả lời yêu cầu thẩm tra lý lịch',
    audience: 'grassroots',
    isStep: true,
    openIn: (s) => s.matches('assembly.application.verifying') && unansweredSubjects(s.context).length > 0,
    anchorOn: (c) => c.verification.startedOn,
    dueOn: verificationAnswerDueOn,
  },
  {
    kind: 'admissionDecision',
    label: 'Cấp ủy có thẩm quyền quyết định kết nạp (60 ngày làm việc từ nghị quyết chi bộ)',
    audience: 'committee',
    isStep: true,
    openIn: (s) => s.matches('grassrootsReview') || s.matches('committeeDecision'),
    anchorOn: (c) => c.cellResolution?.on,
    dueOn: admissionDecisionDueOn,
  },
  {
    kind: 'ceremony',
    // Counted from the decision's signature until the cell records the day it received it.
    label:
      'Tổ chức lễ kết nạp (30 ngày làm việc từ khi chi bộ nhận quyết định; chưa ghi ngày nhận thì tính từ ngày ký)',
    audience: 'cell',
    isStep: true,
    openIn: (s) => s.matches('awaitingCeremony'),
    anchorOn: ceremonyAnchorOn,
    dueOn: ceremonyDueOn,
  },
  {
    kind: 'memberHistory',
    label: 'Hoàn thành lý lịch đảng viên (30 ngày làm việc từ lễ kết nạp)',
    audience: 'cell',
    isStep: true,
    openIn: (s) => (s.matches('probation') || s.matches('recognitionReview')) && !s.context.memberHistoryOn,
    anchorOn: (c) => c.ceremony?.on,
    dueOn: memberHistoryDueOn,
  },
  {
    kind: 'probationEnd',
    label: 'Hết 12 tháng dự bị',
    audience: 'cell',
    isStep: false,
    openIn: (s) => s.matches('probation'),
    anchorOn: (c) => c.ceremony?.on,
    dueOn: (c) => probationEndsOn(c),
  },
  {
    kind: 'recognitionReview',
    label: 'Chi bộ xét công nhận đảng viên chính thức (30 ngày làm việc từ khi hết dự bị)',
    audience: 'cell',
    isStep: true,
    openIn: (s) => s.matches('probation') || s.matches('recognitionReview'),
    anchorOn: (c) => probationEndsOn(c),
    dueOn: recognitionReviewDueOn,
  },
  {
    kind: 'recognitionDecision',
    label: 'Cấp ủy có thẩm quyền quyết định công nhận chính thức (30 ngày làm việc từ nghị quyết chi bộ)',
    audience: 'committee',
    isStep: true,
    openIn: (s) => s.matches('recognitionGrassrootsReview') || s.matches('recognitionDecision'),
    anchorOn: (c) => c.recognition.cellResolution?.on,
    dueOn: recognitionDecisionDueOn,
  },
];

export function openDeadlines(snapshot: Snapshot, calendar: WorkingDaysPort): DeadlineSpec[] {
  const specs: DeadlineSpec[] = [];
  for (const kind of DEADLINE_KINDS) {
    if (!kind.openIn(snapshot)) continue;
    const anchorOn = kind.anchorOn(snapshot.context);
    const dueOn = kind.dueOn(snapshot.context, calendar);
    if (!anchorOn || !dueOn) continue;
    const leadWorkingDays = policyVersionOn(anchorOn).parameters.reminderLeadWorkingDays.value;
    const { label, audience, isStep } = kind;
    specs.push({ kind: kind.kind, label, audience, isStep, anchorOn, dueOn, leadWorkingDays });
  }
  return specs;
}
