import { useState } from 'react';
import { Alert, Button, Flex, Typography } from 'antd';
import { api } from '../../api/client';

/**
 * The queue dashboard lives outside the application: the token is first exchanged for the dashboard's cookie
 * (never put in the address), then the browser goes there.
 */
export function QueueDashboardLink() {
  const [error, setError] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const open = async () => {
    setOpening(true);
    setError(null);
    try {
      await api('/admin/queues-session', { method: 'POST' });
      window.location.assign('/api/admin/queues');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Không mở được bảng theo dõi');
      setOpening(false);
    }
  };
  return (
    <Flex vertical gap={12} align="start">
      <Typography.Paragraph style={{ margin: 0 }}>
        Bảng theo dõi các hàng đợi xử lý nền (nhắc hạn, webhook, bảo trì): số việc đang chờ, đang chạy, lỗi; chạy lại
        một việc lỗi.
      </Typography.Paragraph>
      <Button type="primary" onClick={open} loading={opening}>
        Mở bảng theo dõi hàng đợi
      </Button>
      {error && <Alert type="error" showIcon title={error} />}
    </Flex>
  );
}
