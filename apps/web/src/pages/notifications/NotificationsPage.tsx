import { Typography } from 'antd';

export default function NotificationsPage() {
  return <Typography.Title level={1}>Thông báo</Typography.Title>;
}
