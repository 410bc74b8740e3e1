import { addDays, dayOfWeek, type LocalDate } from '@workflows/common/local-date';
import type { WorkingDaysPort } from '@workflows/common/working-days-port';
import type { Role } from '@workflows/common/roles';
import type { AdmissionEvent } from '../src/machine/admission-event';
import type { Candidate, OrgFacts } from '../src/machine/context';

/** Weekends only: the workflow's own tests need no holiday table. */
export const weekdaysCalendar: WorkingDaysPort = {
  addWorkingDays(from: LocalDate, days: number) {
    let date = from;
    for (let left = days; left > 0;) {
      date = addDays(date, 1);
      if (dayOfWeek(date) !== 0 && dayOfWeek(date) !== 6) left -= 1;
    }
    return date;
  },
};

export const TODAY = '2026-11-27';

export const candidate: Candidate = {
  fullName: 'Nguyễn Văn An',
  dateOfBirth: '2000-05-15',
  gender: 'male',
  ethnicity: 'Kinh',
  religion: 'Không',
  educationLevel: 'university',
  generalEducation: 'upperSecondary',
  occupation: 'civilServant',
  youthUnionMember: true,
};

/** The five members of the standing committee that decides in these tests. */
export const COMMITTEE_MEMBERS = ['uv-1', 'uv-2', 'uv-3', 'uv-4', 'uv-5'];
export const decidingCommittee = { id: 'committee-1', memberIds: COMMITTEE_MEMBERS };

/** A cell under a grassroots committee, in a unit without a Youth Union (two members introduce the candidate). */
export const plainCell: OrgFacts = {
  hasSection: false,
  delegatedAdmission: false,
  committeeSize: 5,
  decidingBody: decidingCommittee,
  grassrootsCell: false,
  youthUnionPresent: false,
};

export interface EventOptions {
  facts?: OrgFacts;
  actorId?: string;
  roles?: Role[];
  today?: LocalDate;
}

export function event(
  type: AdmissionEvent['type'],
  occurredOn: LocalDate,
  payload: Record<string, unknown> = {},
  options: EventOptions = {},
): AdmissionEvent {
  return {
    type,
    occurredOn,
    ...payload,
    meta: {
      actorId: options.actorId ?? 'specialist-1',
      actorRoles: options.roles ?? ['specialist'],
      today: options.today ?? TODAY,
      facts: options.facts ?? plainCell,
    },
  };
}
