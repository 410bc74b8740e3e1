import { z } from 'zod';
import { FIRST_YEAR, LAST_YEAR } from '@workflows/admission/events/event-schemas';

/** An integer query parameter within bounds: an unbounded one overflows the database's integers (a 500). */
export const queryInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const queryYear = queryInt(FIRST_YEAR, LAST_YEAR);
export const queryOffset = queryInt(0, 1_000_000).default(0);
