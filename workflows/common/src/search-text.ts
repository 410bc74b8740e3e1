/**
 * Text folded for search: lower case, without diacritics, `đ` read as `d`, spaces collapsed, so that
 * "nguyen van a" finds "Nguyễn Văn A" whether the name was typed precomposed (NFC) or decomposed (NFD).
 * Computed by the application (PostgreSQL's `unaccent` is not always installed).
 */
export function foldForSearch(text: string): string {
  return withoutDiacritics(text).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Letters without diacritics, case kept, `đ`/`Đ` read as `d`/`D`: "Nguyễn Thị Hoa" → "Nguyen Thi Hoa". */
export function withoutDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** The stored search text of a record: each part folded, joined by a separator no query can span. */
export function searchTextOf(parts: readonly (string | null | undefined)[]): string {
  return parts
    .filter((part): part is string => !!part)
    .map(foldForSearch)
    .join(' | ');
}
