import { Typography } from 'antd';

export default function HomePage() {
  return <Typography.Title level={1}>Việc cần làm</Typography.Title>;
}
