import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatNumber, formatPercent } from '../../format/numbers';
import type { PeriodRow, Share } from './types';

/** Charts are a chunk of their own (recharts), loaded after the report's figures are on screen. */

const ADMITTED = '#b71c1c';
const TARGET = '#1f4e79';

export const periodLabel = (row: PeriodRow) =>
  row.half ? `${row.half === 1 ? '6T đầu' : '6T cuối'} ${row.year}` : `${row.year}`;

/** Admissions per period beside the congress resolution's target. */
export function AgainstQuotaChart({ rows }: { rows: PeriodRow[] }) {
  const data = rows.map((row) => ({ period: periodLabel(row), admitted: row.admitted, target: row.target }));
  return (
    <ResponsiveContainer width="100%" height={280}>
      <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="period" />
        <YAxis allowDecimals={false} tickFormatter={formatNumber} />
        <Tooltip formatter={(value) => formatNumber(Number(value))} />
        <Legend />
        <Bar dataKey="admitted" name="Đã kết nạp" fill={ADMITTED} maxBarSize={48} />
        <Line dataKey="target" name="Chỉ tiêu" stroke={TARGET} strokeWidth={2} connectNulls={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

/** One breakdown (education, gender…) as horizontal bars, its share in the tooltip. */
export function ShareChart({ shares }: { shares: Share[] }) {
  const data = shares.map((share) => ({ label: share.label, count: share.count, share: share.share }));
  return (
    <ResponsiveContainer width="100%" height={Math.max(120, data.length * 36 + 24)}>
      <BarChart
        data={data}
        layout="vertical"
        margin={{ top: 0, right: 16, bottom: 0, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tickFormatter={formatNumber} />
        <YAxis type="category" dataKey="label" width={110} tick={{ fontSize: 12 }} />
        <Tooltip
          formatter={(value, _name, item) =>
            `${formatNumber(Number(value))} (${formatPercent((item.payload as { share: number }).share * 100)})`
          }
        />
        <Bar dataKey="count" name="Số người" fill={ADMITTED} maxBarSize={24} />
      </BarChart>
    </ResponsiveContainer>
  );
}
