import { Typography } from 'antd';

export default function CreateDossierPage() {
  return <Typography.Title level={1}>Tạo hồ sơ</Typography.Title>;
}
