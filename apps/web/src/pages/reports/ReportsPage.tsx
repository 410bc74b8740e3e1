import { Typography } from 'antd';

export default function ReportsPage() {
  return <Typography.Title level={1}>Báo cáo</Typography.Title>;
}
