/**
 * The number of a class's `index`-th certificate (0-based): the prefix, then a three-digit serial. A prefix that
 * already ends with a separator ("2026-", "NT/K3/") is not given a second one.
 */
export function certificateNumber(prefix: string, index: number): string {
  const separator = /[-/._ ]$/.test(prefix) ? '' : '-';
  return `${prefix}${separator}${String(index + 1).padStart(3, '0')}`;
}
