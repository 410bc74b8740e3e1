import { Link } from 'react-router';
import { Result } from 'antd';

export default function NotFound() {
  return (
    <Result
      status="404"
      title="Không tìm thấy trang"
      subTitle="Trang này không có hoặc bạn không có quyền xem."
      extra={<Link to="/">Về trang Việc cần làm</Link>}
    />
  );
}
