import { Link } from 'react-router';
import { Button, Segmented, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { NotificationView } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ItemList } from '../../components/ItemList';
import { PageTitle } from '../../components/PageTitle';
import { formatDate, formatDateTime } from '../../format/dates';

/** Thông báo: the user's reminders, the unread ones marked, each marked read with one tap. */
export default function NotificationsPage() {
  const [onlyUnread, setOnlyUnread] = useState(false);
  const queryClient = useQueryClient();
  const inbox = useQuery({
    queryKey: [...queryKeys.notifications, { onlyUnread }],
    queryFn: () =>
      api<NotificationView[]>('/notifications', { query: { unread: onlyUnread || undefined, limit: 200 } }),
  });
  const markRead = useMutation({
    mutationFn: (id: string) => api<NotificationView>(`/notifications/${id}/read`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications }),
  });
  const unread = (inbox.data ?? []).filter((item) => !item.readAt);

  return (
    <>
      <PageTitle
        extra={
          <Segmented
            aria-label="Hiển thị"
            value={onlyUnread ? 'unread' : 'all'}
            onChange={(value) => setOnlyUnread(value === 'unread')}
            options={[
              { value: 'all', label: 'Tất cả' },
              { value: 'unread', label: 'Chưa đọc' },
            ]}
          />
        }
      >
        Thông báo
      </PageTitle>
      <ErrorAlert error={inbox.error ?? markRead.error} />
      {unread.length > 1 && (
        <Button
          onClick={async () => {
            for (const item of unread) await markRead.mutateAsync(item.id);
          }}
          style={{ marginBottom: 12 }}
        >
          Đánh dấu tất cả đã đọc
        </Button>
      )}
      <ItemList
        loading={inbox.isPending}
        items={inbox.data}
        itemKey={(item) => item.id}
        emptyText={onlyUnread ? 'Không có thông báo chưa đọc' : 'Chưa có thông báo nào'}
        actions={(item) =>
          !item.readAt && (
            <Button
              onClick={() => markRead.mutate(item.id)}
              loading={markRead.variables === item.id && markRead.isPending}
            >
              Đánh dấu đã đọc
            </Button>
          )
        }
        renderItem={(item) => (
          <div style={{ fontWeight: item.readAt ? 'normal' : 600 }}>
            {!item.readAt && <Tag color="red">Mới</Tag>}
            {item.outdated && <Tag>Không còn hiệu lực: việc đã làm hoặc hạn đã đổi</Tag>}
            {item.dossierId ? <Link to={`/ho-so/${item.dossierId}`}>{item.message}</Link> : item.message}
            <Typography.Text type="secondary" style={{ display: 'block', fontWeight: 'normal', fontSize: 12 }}>
              {formatDateTime(item.createdAt)}
              {item.dueOn && ` · hạn ${formatDate(item.dueOn)}`}
            </Typography.Text>
          </div>
        )}
      />
    </>
  );
}
