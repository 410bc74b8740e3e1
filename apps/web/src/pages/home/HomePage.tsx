import { Link } from 'react-router';
import { Badge, Card, Empty, List, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { DossierView, NotificationView, TasksInbox } from '../../api/types';
import { useSession } from '../../auth/session';
import { Loading } from '../../app/Loading';
import { DeadlineText } from '../../components/DeadlineText';
import { ErrorAlert } from '../../components/ErrorAlert';
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

const nothing = (text: string) => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />;

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
    queryFn: () => api<NotificationView[]>('/notifications', { query: { limit: 50 } }),
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
          {approvals.isPending ? (
            <Loading />
          ) : (
            <List
              dataSource={approvals.data}
              locale={{ emptyText: nothing('Không có quyết định nào chờ bạn') }}
              renderItem={(dossier) => (
                <List.Item>
                  <div>
                    <Link to={`/ho-so/${dossier.id}`}>{dossier.candidate.fullName}</Link> — {dossier.stateLabel}{' '}
                    <Link to="/phe-duyet">Phê duyệt</Link>
                  </div>
                </List.Item>
              )}
            />
          )}
        </Section>
      )}

      <Section title="Nhắc việc" count={unread}>
        {notifications.isPending ? (
          <Loading />
        ) : (
          <List
            dataSource={reminders}
            locale={{ emptyText: nothing('Không có nhắc việc nào') }}
            renderItem={(item) => (
              <List.Item>
                <div style={{ fontWeight: item.readAt ? 'normal' : 600 }}>
                  {!item.readAt && <Tag color="red">Mới</Tag>}
                  {item.dossierId ? <Link to={`/ho-so/${item.dossierId}`}>{item.message}</Link> : item.message}
                  {item.dueOn && <Typography.Text type="secondary"> · hạn {formatDate(item.dueOn)}</Typography.Text>}
                </div>
              </List.Item>
            )}
          />
        )}
        {notifications.data && notifications.data.length > 0 && <Link to="/thong-bao">Xem tất cả thông báo</Link>}
      </Section>

      <Section
        title={`Sắp đến hạn (trong ${tasks.data?.withinWorkingDays ?? 5} ngày làm việc) và quá hạn`}
        count={tasks.data?.deadlines.length}
      >
        {tasks.isPending ? (
          <Loading />
        ) : (
          <List
            dataSource={tasks.data?.deadlines}
            locale={{ emptyText: nothing('Không có thời hạn nào sắp đến hoặc đã quá') }}
            renderItem={(task) => (
              <List.Item>
                <div>
                  <Link to={`/ho-so/${task.dossier.id}`}>{task.dossier.fullName}</Link>{' '}
                  <Typography.Text type="secondary">({task.dossier.cellName})</Typography.Text>
                  <div>{task.label}</div>
                  <DeadlineText dueOn={task.dueOn} workingDaysLeft={task.workingDaysLeft} />
                </div>
              </List.Item>
            )}
          />
        )}
      </Section>

      <Section title="Hồ sơ chờ bạn ghi nhận" count={tasks.data?.stepsTotal}>
        {tasks.isPending ? (
          <Loading />
        ) : (
          <List
            dataSource={tasks.data?.steps}
            locale={{ emptyText: nothing('Không có hồ sơ nào chờ bạn') }}
            renderItem={(task) => (
              <List.Item>
                <div>
                  <Link to={`/ho-so/${task.dossier.id}`}>{task.dossier.fullName}</Link>{' '}
                  <Typography.Text type="secondary">
                    ({task.dossier.cellName} · {task.dossier.stateLabel})
                  </Typography.Text>
                  <div>Bước tiếp theo: {task.events.map((event) => event.label).join('; ')}</div>
                  {task.dueOn && <DeadlineText dueOn={task.dueOn} workingDaysLeft={task.workingDaysLeft} />}
                </div>
              </List.Item>
            )}
          />
        )}
        {tasks.data && tasks.data.stepsTotal > tasks.data.steps.length && (
          <Typography.Paragraph type="secondary">
            Còn {tasks.data.stepsTotal - tasks.data.steps.length} hồ sơ khác: xem ở <Link to="/ho-so">Hồ sơ</Link>.
          </Typography.Paragraph>
        )}
      </Section>
    </>
  );
}
