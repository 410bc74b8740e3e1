import { Link } from 'react-router';
import { Badge, Card, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { DossierView, NotificationView, TasksInbox } from '../../api/types';
import { useSession } from '../../auth/session';
import { DeadlineText } from '../../components/DeadlineText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ItemList } from '../../components/ItemList';
import { PageTitle } from '../../components/PageTitle';
import { formatDate } from '../../format/dates';

function Section({ title, count, children }: { title: string; count?: number; children: React.ReactNode }) {
  return (
    <Card
      title={
        <h2 style={{ margin: 0, fontSize: 18 }}>
          {title} {count !== undefined && <Badge count={count} showZero color={count ? '#b71c1c' : '#8c8c8c'} />}
        </h2>
      }
      style={{ marginBottom: 16 }}
    >
      {children}
    </Card>
  );
}

/** Việc cần làm: what waits for the user, each row one click from its dossier. */
export default function HomePage() {
  const { hasRole } = useSession();
  const committee = hasRole('committeeMember');
  const tasks = useQuery({ queryKey: queryKeys.tasks, queryFn: () => api<TasksInbox>('/inbox/tasks') });
  const approvals = useQuery({
    queryKey: queryKeys.approvals,
    queryFn: () => api<DossierView[]>('/inbox/approvals'),
    enabled: committee,
  });
  const notifications = useQuery({
    queryKey: [...queryKeys.notifications, 'home'],
    // What is still to do: a reminder whose step has been done or whose due date moved since stays on Thông báo only.
    queryFn: () => api<NotificationView[]>('/notifications', { query: { limit: 50, current: true } }),
  });
  // Unread first, then the newest.
  const reminders = [...(notifications.data ?? [])]
    .sort((a, b) => Number(!!a.readAt) - Number(!!b.readAt) || b.createdAt.localeCompare(a.createdAt))
    .slice(0, 10);
  const unread = (notifications.data ?? []).filter((item) => !item.readAt).length;

  return (
    <>
      <PageTitle>Việc cần làm</PageTitle>
      <ErrorAlert error={tasks.error ?? approvals.error ?? notifications.error} />

      {committee && (
        <Section title="Chờ bạn cho ý kiến" count={approvals.data?.length}>
          <ItemList
            loading={approvals.isPending}
            items={approvals.data}
            itemKey={(dossier) => dossier.id}
            emptyText="Không có quyết định nào chờ bạn"
            renderItem={(dossier) => (
              <>
                <Link to={`/ho-so/${dossier.id}`}>{dossier.candidate.fullName}</Link> — {dossier.stateLabel}{' '}
                <Link to="/phe-duyet">Phê duyệt</Link>
              </>
            )}
          />
        </Section>
      )}

      <Section title="Nhắc việc" count={unread}>
        <ItemList
          loading={notifications.isPending}
          items={reminders}
          itemKey={(item) => item.id}
          emptyText="Không có nhắc việc nào"
          renderItem={(item) => (
            <div style={{ fontWeight: item.readAt ? 'normal' : 600 }}>
              {!item.readAt && <Tag color="red">Mới</Tag>}
              {item.dossierId ? <Link to={`/ho-so/${item.dossierId}`}>{item.message}</Link> : item.message}
              {item.dueOn && <Typography.Text type="secondary"> · hạn {formatDate(item.dueOn)}</Typography.Text>}
            </div>
          )}
        />
        {notifications.data && notifications.data.length > 0 && <Link to="/thong-bao">Xem tất cả thông báo</Link>}
      </Section>

      <Section
        title={`Sắp đến hạn (trong ${tasks.data?.withinWorkingDays ?? 5} ngày làm việc) và quá hạn`}
        count={tasks.data?.deadlines.length}
      >
        <ItemList
          loading={tasks.isPending}
          items={tasks.data?.deadlines}
          itemKey={(task) => `${task.dossier.id} ${task.label}`}
          emptyText="Không có thời hạn nào sắp đến hoặc đã quá"
          renderItem={(task) => (
            <>
              <Link to={`/ho-so/${task.dossier.id}`}>{task.dossier.fullName}</Link>{' '}
              <Typography.Text type="secondary">({task.dossier.cellName})</Typography.Text>
              <div>{task.label}</div>
              <DeadlineText dueOn={task.dueOn} workingDaysLeft={task.workingDaysLeft} />
            </>
          )}
        />
      </Section>

      <Section title="Hồ sơ chờ bạn ghi nhận" count={tasks.data?.stepsTotal}>
        <ItemList
          loading={tasks.isPending}
          items={tasks.data?.steps}
          itemKey={(task) => task.dossier.id}
          emptyText="Không có hồ sơ nào chờ bạn"
          renderItem={(task) => (
            <>
              <Link to={`/ho-so/${task.dossier.id}`}>{task.dossier.fullName}</Link>{' '}
              <Typography.Text type="secondary">
                ({task.dossier.cellName} · {task.dossier.stateLabel})
              </Typography.Text>
              <div>Bước tiếp theo: {task.events.map((event) => event.label).join('; ')}</div>
              {task.dueOn && <DeadlineText dueOn={task.dueOn} workingDaysLeft={task.workingDaysLeft} />}
            </>
          )}
        />
        {tasks.data && tasks.data.stepsTotal > tasks.data.steps.length && (
          <Typography.Paragraph type="secondary">
            Còn {tasks.data.stepsTotal - tasks.data.steps.length} hồ sơ khác: xem ở <Link to="/ho-so">Hồ sơ</Link>.
          </Typography.Paragraph>
        )}
      </Section>
    </>
  );
}
