import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { ApiRequestError } from '../../api/client';
import { useSession } from '../../auth/session';

interface Credentials {
  username: string;
  password: string;
}

/** Đăng nhập: the only page a visitor without a session sees, whatever the address. */
export default function LoginPage() {
  const { login } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ username, password }: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (failure) {
      setError(
        failure instanceof ApiRequestError && failure.status === 401
          ? 'Sai tên đăng nhập hoặc mật khẩu.'
          : failure instanceof ApiRequestError
            ? failure.message
            : 'Không kết nối được máy chủ, xin thử lại.',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 16, background: '#f5f5f5' }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          Kết nạp đảng viên
        </Typography.Title>
        <Typography.Paragraph type="secondary">Đăng nhập để xem việc cần làm và ghi nhận hồ sơ.</Typography.Paragraph>
        <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false} size="large">
          <Form.Item label="Tên đăng nhập" name="username" rules={[{ required: true, message: 'Nhập tên đăng nhập' }]}>
            <Input autoComplete="username" autoCapitalize="none" autoFocus />
          </Form.Item>
          <Form.Item label="Mật khẩu" name="password" rules={[{ required: true, message: 'Nhập mật khẩu' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
          <Button type="primary" htmlType="submit" block loading={busy}>
            Đăng nhập
          </Button>
        </Form>
      </Card>
    </main>
  );
}
