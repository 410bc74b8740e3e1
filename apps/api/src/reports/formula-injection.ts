/** A spreadsheet reads a cell that starts with one of these as a formula (or, for tab and CR, may shift it into one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text from users (names of people and organisations) must reach a spreadsheet as text, never as a formula that
 * runs on the reader's machine (CWE-1236, OWASP "CSV Injection"): such a cell is prefixed with an apostrophe.
 * Numbers stay numbers; a negative number is a number, not text.
 */
export function neutraliseFormula<T>(cell: T): T | string {
  return typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell;
}
