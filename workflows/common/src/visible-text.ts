import { z } from 'zod';

/** A letter, digit, punctuation mark or symbol: something a reader sees (not a space, not a zero-width character). */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/**
 * Required free text (a reason, a name, a number): trimmed, at most `max` characters, and showing at least one
 * visible character, so that a reason made of zero-width spaces is not taken for a reason.
 */
export const visibleText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => VISIBLE.test(text), {
      message: 'Phải có nội dung nhìn thấy được / must contain visible characters',
    });
