import { Typography } from 'antd';

export default function DossierListPage() {
  return <Typography.Title level={1}>Hồ sơ</Typography.Title>;
}
