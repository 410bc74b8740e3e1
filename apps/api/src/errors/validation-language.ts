import { z } from 'zod';

/**
 * The messages of failed validations (the `details` of a 400, the reasons of refused import lines) in Vietnamese,
 * as the officials who read them speak it: zod's own Vietnamese locale, set once for the process.
 */
export function validateInVietnamese(): void {
  z.config(z.locales.vi());
}
