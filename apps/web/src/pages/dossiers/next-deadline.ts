import type { DossierView } from '../../api/types';

/** The open step deadline that falls first (expiries and the end of probation are not steps). */
export const nextDeadline = (dossier: DossierView) =>
  dossier.deadlines
    .filter((deadline) => deadline.status === 'open' && deadline.isStep)
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
