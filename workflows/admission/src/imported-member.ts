import { z } from 'zod';
import { maxDate, type LocalDate } from '@workflows/common/local-date';
import { candidateSchema, localDate } from './events/event-schemas';
import { initialContext, type AdmissionContext } from './machine/context';

/** A past member as a committee's records give it: the person, the decision, the ceremony, recognition if any. */
export const importedMemberSchema = z
  .strictObject({
    candidate: candidateSchema,
    decisionOn: localDate,
    admittedOn: localDate,
    officialFrom: localDate.nullable(),
  })
  .refine((member) => member.decisionOn <= member.admittedOn, {
    message: 'Ngày vào Đảng (lễ kết nạp) không thể trước ngày quyết định / admittedOn precedes decisionOn',
    path: ['admittedOn'],
  })
  .refine((member) => !member.officialFrom || member.officialFrom > member.admittedOn, {
    message: 'Ngày chính thức phải sau ngày vào Đảng / officialFrom must follow admittedOn',
    path: ['officialFrom'],
  });

export type ImportedMember = z.infer<typeof importedMemberSchema>;

/** The state an imported member enters: official when recognised, else on probation (member history on file). */
export function importedMemberState(member: ImportedMember): { value: unknown; context: AdmissionContext } {
  const base = initialContext({ candidate: member.candidate, identifiedOn: member.decisionOn });
  const last: LocalDate = maxDate(member.admittedOn, member.officialFrom ?? member.admittedOn);
  const context: AdmissionContext = {
    ...base,
    lastOn: last,
    decision: { decisionNo: 'Hồ sơ nhập từ sổ sách', signedOn: member.decisionOn, byDelegation: false },
    ceremony: { on: member.admittedOn, helperName: '' },
    memberHistoryOn: member.admittedOn,
    outcome: member.officialFrom
      ? { kind: 'officialMember', on: member.officialFrom, officialFrom: member.officialFrom }
      : null,
  };
  const value = member.officialFrom
    ? 'officialMember'
    : { probation: { newMemberCourse: 'pending', memberHistory: 'filed', helper: 'assigned' } };
  return { value, context };
}
