import type { LocalDate } from '@workflows/common/local-date';

/**
 * One day whose status the government (or an admin) fixes by decision: an extra day off (a holiday the library
 * lacks, a substitute day, the weekday side of a swap) or a working day (a make-up Saturday, làm bù).
 * An override always wins over the library, the substitute rule and the weekend.
 */
export type CalendarOverride = { date: LocalDate; kind: 'dayOff' | 'workingDay'; note: string };

const VPCP_2025 = 'VPCP 8726/VPCP-KGVX (26/11/2024), Thông báo 6150/TB-BLĐTBXH';
const VPCP_2026 = 'VPCP văn bản 9859 (13/10/2025)';
const NEW_YEAR_2026 = 'VPCP 12729/VPCP-KGVX (25/12/2025)';
const LABOUR_CODE_SUBSTITUTE = 'Bộ luật Lao động 2019, Điều 111 khoản 3';
const DERIVED = 'derived, not decreed';

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
    note: `Tết Ất Tỵ ends Friday 31/1: no substitute day for the library's Saturday 1/2 (${VPCP_2025})`,
  },
  { date: '2025-04-26', kind: 'workingDay', note: `Làm bù for Friday 2/5/2025 (${VPCP_2025})` },
  { date: '2025-05-02', kind: 'dayOff', note: `Hoán đổi to Saturday 26/4/2025; break 30/4–4/5 (${VPCP_2025})` },
  {
    date: '2025-09-01',
    kind: 'dayOff',
    note: `Quốc khánh, day before 2/9; break 30/8–2/9 (${VPCP_2025})`,
  },

  // 2026
  { date: '2026-01-02', kind: 'dayOff', note: `Hoán đổi to Saturday 10/1/2026; break 1/1–4/1 (${NEW_YEAR_2026})` },
  { date: '2026-01-10', kind: 'workingDay', note: `Làm bù for Friday 2/1/2026 (${NEW_YEAR_2026})` },
  // Tết Bính Ngọ: break 14/2–22/2 (27 tháng Chạp – mùng 6); the five Tết days are 16–20/2.
  { date: '2026-02-16', kind: 'dayOff', note: `Tết Bính Ngọ, 29 tháng Chạp (${VPCP_2026})` },
  { date: '2026-02-17', kind: 'dayOff', note: `Tết Bính Ngọ, mùng 1 (${VPCP_2026})` },
  { date: '2026-02-18', kind: 'dayOff', note: `Tết Bính Ngọ, mùng 2 (${VPCP_2026})` },
  { date: '2026-02-19', kind: 'dayOff', note: `Tết Bính Ngọ, mùng 3 (${VPCP_2026})` },
  { date: '2026-02-20', kind: 'dayOff', note: `Tết Bính Ngọ, mùng 4 (${VPCP_2026})` },
  {
    date: '2026-04-27',
    kind: 'dayOff',
    note: `Nghỉ bù for Giỗ Tổ Hùng Vương on Sunday 26/4/2026 (${LABOUR_CODE_SUBSTITUTE})`,
  },
  { date: '2026-08-22', kind: 'workingDay', note: `Làm bù for Monday 31/8/2026 (${VPCP_2026})` },
  { date: '2026-08-31', kind: 'dayOff', note: `Hoán đổi to Saturday 22/8/2026; break 29/8–2/9 (${VPCP_2026})` },
  { date: '2026-09-01', kind: 'dayOff', note: `Quốc khánh, day before 2/9 (${VPCP_2026})` },

  // 2027 — no decision known: Tết is date-holidays' lunar span 5–9/2 plus substitutes for Saturday 6 and Sunday 7/2.
  { date: '2027-02-05', kind: 'dayOff', note: `Tết Đinh Mùi, giao thừa (${DERIVED}: date-holidays)` },
  { date: '2027-02-08', kind: 'dayOff', note: `Tết Đinh Mùi, mùng 3 (${DERIVED}: date-holidays)` },
  { date: '2027-02-09', kind: 'dayOff', note: `Tết Đinh Mùi, mùng 4 (${DERIVED}: date-holidays)` },
  {
    date: '2027-02-10',
    kind: 'dayOff',
    note: `Nghỉ bù for mùng 1 on Saturday 6/2 (${DERIVED}: ${LABOUR_CODE_SUBSTITUTE})`,
  },
  {
    date: '2027-02-11',
    kind: 'dayOff',
    note: `Nghỉ bù for mùng 2 on Sunday 7/2 (${DERIVED}: ${LABOUR_CODE_SUBSTITUTE})`,
  },
  { date: '2027-05-03', kind: 'dayOff', note: `Nghỉ bù for 1/5 on Saturday (${DERIVED}: ${LABOUR_CODE_SUBSTITUTE})` },
  {
    // 2/9 is a Thursday, as in 2021, when the government chose Friday 3/9 as the second day.
    date: '2027-09-03',
    kind: 'dayOff',
    note: `Quốc khánh, day after 2/9 (${DERIVED}: assumed as in 2021; replace when the 2027 decision is out)`,
  },
];
