import { InitialSchema1764230400000 } from './1764230400000-initial-schema';

/** Every migration, oldest first; `npm start` applies the pending ones. */
export const MIGRATIONS = [InitialSchema1764230400000];
