import { PinnedClock } from '@libs/clock';

/**
 * The day every end-to-end suite lives on: a Wednesday, at 10:00 in Vietnam (03:00 UTC), after the day's 07:00
 * reminders. Suites read "today" from here, never from the wall clock, so they pass at any hour on any day.
 */
export const TEST_TODAY = '2026-11-25';
export const TEST_NOW = new Date(`${TEST_TODAY}T03:00:00.000Z`);

/** The clock a suite's API and workers share: it starts at `TEST_NOW` and runs at the real pace. */
export const testClock = () => new PinnedClock(TEST_NOW);
