import { Typography } from 'antd';

export default function DossierPage() {
  return <Typography.Title level={1}>Hồ sơ</Typography.Title>;
}
