import type { LocalDate } from '@workflows/common/local-date';

export { withoutDiacritics } from '../../../workflows/common/src/search-text';

/**
 * A date as party documents write it: "ngày 05 tháng 6 năm 2024". Days below 10 and the months January and February
 * take a leading zero, as in the place/date line of Hướng dẫn 36-HD/VPTW (2018) itself ("ngày 03 tháng 4 năm 2018")
 * and the state rule for the same line (Nghị định 30/2020/NĐ-CP, Phụ lục I), so that no digit can be added later.
 */
export function dateInWords(date: LocalDate): string {
  const [year, month, day] = date.split('-').map(Number);
  const monthText = month <= 2 ? String(month).padStart(2, '0') : String(month);
  return `ngày ${String(day).padStart(2, '0')} tháng ${monthText} năm ${year}`;
}

/** Dots standing for a value the dossier does not hold, inside a sentence. */
export const MISSING = '……………';

/** The place/date line under the party header: "Bắc Kạn, ngày 05 tháng 6 năm 2024"; dots when the place is unknown. */
export function placeAndDate(place: string | null, date: LocalDate): string {
  return `${place ?? MISSING}, ${dateInWords(date)}`;
}

/** A share of a whole as a percentage with a decimal comma and at most two decimals: 8 of 11 → "72,73%". */
export function percentOf(part: number, whole: number): string {
  const value = Math.round((part / whole) * 10_000) / 100;
  return `${String(value).replace('.', ',')}%`;
}

/** Vietnamese capitals, as headers and titles are printed ("Chi bộ Văn phòng Sở" → "CHI BỘ VĂN PHÒNG SỞ"). */
export const upper = (text: string) => text.normalize('NFC').toLocaleUpperCase('vi');

/** The first letter in capitals, for a date opening a sentence ("Ngày 05 tháng 6 năm 2024, …"). */
export const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
