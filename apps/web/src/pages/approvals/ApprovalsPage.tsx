import { Typography } from 'antd';

export default function ApprovalsPage() {
  return <Typography.Title level={1}>Phê duyệt</Typography.Title>;
}
