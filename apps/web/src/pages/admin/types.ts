/** The administration answers, as types of the server's own source (erased at build time). */
import type { CalendarController } from '@apps/api/calendar/calendar.controller';
import type { PoliciesService } from '@apps/api/policies/policies.service';
import type { UsersService } from '@apps/api/users/users.service';

export type { OrganizationChange } from '@apps/api/organizations/organization-changes.service';
export type { StoredCalendarOverride as CalendarOverride } from '@libs/persistence/calendar-overrides';
export type ManagedUser = Awaited<ReturnType<UsersService['list']>>[number];
export type PolicyVersion = Awaited<ReturnType<PoliciesService['list']>>[number];
export type CalendarYear = ReturnType<CalendarController['year']>;
export type HolidaySource = CalendarYear['holidays'][number]['source'];
export { ORGANIZATION_KIND_LABELS as KIND_LABELS, type OrganizationKind } from '@workflows/common/organization-kinds';
