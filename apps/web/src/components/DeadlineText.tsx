import { Typography } from 'antd';
import { formatDate, workingDaysText } from '../format/dates';

/** "15/03/2025 · còn 3 ngày làm việc", red once overdue, amber within five working days. */
export function DeadlineText({ dueOn, workingDaysLeft }: { dueOn: string; workingDaysLeft: number | null }) {
  const type =
    workingDaysLeft === null
      ? undefined
      : workingDaysLeft < 0
        ? 'danger'
        : workingDaysLeft <= 5
          ? 'warning'
          : undefined;
  return (
    <Typography.Text type={type} style={type === 'warning' ? { color: '#8a5a00' } : undefined}>
      {formatDate(dueOn)}
      {workingDaysLeft !== null && ` · ${workingDaysText(workingDaysLeft)}`}
    </Typography.Text>
  );
}
