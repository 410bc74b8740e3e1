import { demoNationalId } from '@apps/api/seed/admission-path';

let issued = 0;

/** A personal number no other dossier of this test run has: one open dossier per person. */
export function nextNationalId(): string {
  issued += 1;
  return demoNationalId(process.pid * 10_000 + issued);
}

/** The candidate with a fresh `nationalId`, unless it names one (or names it as absent) itself. */
export function withNationalId<T extends object>(candidate: T): T {
  return 'nationalId' in candidate ? candidate : { ...candidate, nationalId: nextNationalId() };
}
