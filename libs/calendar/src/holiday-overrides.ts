import type { LocalDate } from '@workflows/common/local-date';

/**
 * One day whose status the government (or an admin) fixes by decision: an extra day off (a holiday the library
 * lacks, a substitute day, the weekday side of a swap) or a working day (a make-up Saturday, làm bù).
 * An override always wins over the library, the substitute rule and the weekend.
 */
export type CalendarOverride = { date: LocalDate; kind: 'dayOff' | 'workingDay'; note: string };

// The decisions the notes cite, as users read them: notes are shown on the calendar page.
const VPCP_2025 = 'Công văn 8726/VPCP-KGVX ngày 26/11/2024, Thông báo 6150/TB-BLĐTBXH';
const VPCP_2026 = 'Văn bản 9859 ngày 13/10/2025 của Văn phòng Chính phủ';
const NEW_YEAR_2026 = 'Công văn 12729/VPCP-KGVX ngày 25/12/2025';
const LABOUR_CODE_SUBSTITUTE = 'khoản 3 Điều 111 Bộ luật Lao động 2019';
const NOT_DECREED = 'chưa có thông báo của Chính phủ';

/**
 * The public-sector schedules of 2025–2027 as far as they are known. Decreed Tết days are pinned here even where
 * date-holidays agrees, so that a change in the library's lunar rules cannot move a decreed day off.
 * 24/11 (Ngày Văn hóa Việt Nam, NQ 80-NQ/TW) is not listed: it becomes a day off only once the Labour Code is amended.
 */
export const BUILT_IN_OVERRIDES: readonly CalendarOverride[] = [
  // 2025 — Tết Ất Tỵ: break 25/1–2/2; the five Tết days are 27–31/1, one day earlier than date-holidays' span.
  { date: '2025-01-27', kind: 'dayOff', note: `Tết Ất Tỵ, 28 tháng Chạp (${VPCP_2025})` },
  { date: '2025-01-28', kind: 'dayOff', note: `Tết Ất Tỵ, 29 tháng Chạp (${VPCP_2025})` },
  { date: '2025-01-29', kind: 'dayOff', note: `Tết Ất Tỵ, mùng 1 (${VPCP_2025})` },
  { date: '2025-01-30', kind: 'dayOff', note: `Tết Ất Tỵ, mùng 2 (${VPCP_2025})` },
  { date: '2025-01-31', kind: 'dayOff', note: `Tết Ất Tỵ, mùng 3 (${VPCP_2025})` },
  {
    // date-holidays puts Tết on Saturday 1/2, so the substitute rule would free Monday 3/2; the decree does not.
    date: '2025-02-03',
    kind: 'workingDay',
    note: `Tết Ất Tỵ kết thúc thứ Sáu 31/01/2025, không nghỉ bù thứ Bảy 01/02/2025 (${VPCP_2025})`,
  },
  { date: '2025-04-26', kind: 'workingDay', note: `Làm bù cho thứ Sáu 02/05/2025 (${VPCP_2025})` },
  {
    date: '2025-05-02',
    kind: 'dayOff',
    note: `Hoán đổi với thứ Bảy 26/04/2025; nghỉ từ 30/04 đến 04/05/2025 (${VPCP_2025})`,
  },
  {
    date: '2025-09-01',
    kind: 'dayOff',
    note: `Nghỉ Quốc khánh, ngày liền trước 02/09; nghỉ từ 30/08 đến 02/09/2025 (${VPCP_2025})`,
  },

  // 2026
  {
    date: '2026-01-02',
    kind: 'dayOff',
    note: `Hoán đổi với thứ Bảy 10/01/2026; nghỉ từ 01/01 đến 04/01/2026 (${NEW_YEAR_2026})`,
  },
  { date: '2026-01-10', kind: 'workingDay', note: `Làm bù cho thứ Sáu 02/01/2026 (${NEW_YEAR_2026})` },
  // Tết Bính Ngọ: break 14/2–22/2 (27 tháng Chạp – mùng 6); the five Tết days are 16–20/2.
  { date: '2026-02-16', kind: 'dayOff', note: `Tết Bính Ngọ, 29 tháng Chạp (${VPCP_2026})` },
  { date: '2026-02-17', kind: 'dayOff', note: `Tết Bính Ngọ, mùng 1 (${VPCP_2026})` },
  { date: '2026-02-18', kind: 'dayOff', note: `Tết Bính Ngọ, mùng 2 (${VPCP_2026})` },
  { date: '2026-02-19', kind: 'dayOff', note: `Tết Bính Ngọ, mùng 3 (${VPCP_2026})` },
  { date: '2026-02-20', kind: 'dayOff', note: `Tết Bính Ngọ, mùng 4 (${VPCP_2026})` },
  {
    date: '2026-04-27',
    kind: 'dayOff',
    note: `Nghỉ bù Giỗ Tổ Hùng Vương trùng Chủ nhật 26/04/2026 (${LABOUR_CODE_SUBSTITUTE})`,
  },
  { date: '2026-08-22', kind: 'workingDay', note: `Làm bù cho thứ Hai 31/08/2026 (${VPCP_2026})` },
  {
    date: '2026-08-31',
    kind: 'dayOff',
    note: `Hoán đổi với thứ Bảy 22/08/2026; nghỉ từ 29/08 đến 02/09/2026 (${VPCP_2026})`,
  },
  { date: '2026-09-01', kind: 'dayOff', note: `Nghỉ Quốc khánh, ngày liền trước 02/09 (${VPCP_2026})` },

  // 2027 — no decision known: Tết is date-holidays' lunar span 5–9/2 plus substitutes for Saturday 6 and Sunday 7/2.
  { date: '2027-02-05', kind: 'dayOff', note: `Tết Đinh Mùi, giao thừa (tính theo âm lịch, ${NOT_DECREED})` },
  { date: '2027-02-08', kind: 'dayOff', note: `Tết Đinh Mùi, mùng 3 (tính theo âm lịch, ${NOT_DECREED})` },
  { date: '2027-02-09', kind: 'dayOff', note: `Tết Đinh Mùi, mùng 4 (tính theo âm lịch, ${NOT_DECREED})` },
  {
    date: '2027-02-10',
    kind: 'dayOff',
    note: `Nghỉ bù mùng 1 Tết trùng thứ Bảy 06/02/2027 (theo ${LABOUR_CODE_SUBSTITUTE}, ${NOT_DECREED})`,
  },
  {
    date: '2027-02-11',
    kind: 'dayOff',
    note: `Nghỉ bù mùng 2 Tết trùng Chủ nhật 07/02/2027 (theo ${LABOUR_CODE_SUBSTITUTE}, ${NOT_DECREED})`,
  },
  {
    date: '2027-05-03',
    kind: 'dayOff',
    note: `Nghỉ bù ngày 01/05 trùng thứ Bảy (theo ${LABOUR_CODE_SUBSTITUTE}, ${NOT_DECREED})`,
  },
  {
    // 2/9 is a Thursday, as in 2021, when the government chose Friday 3/9 as the second day: assumed the same,
    // to be replaced when the 2027 decision is out.
    date: '2027-09-03',
    kind: 'dayOff',
    note: `Nghỉ Quốc khánh, ngày liền sau 02/09 (dự kiến như năm 2021, ${NOT_DECREED})`,
  },
];
