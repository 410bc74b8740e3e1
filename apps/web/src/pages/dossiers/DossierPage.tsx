import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { App, Button, Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, download } from '../../api/client';
import { useDossier, useHistory, useOrganisations, useWorkflow } from '../../api/queries';
import type { DossierView } from '../../api/types';
import { findOrganisation } from '../../auth/session';
import { Loading } from '../../app/Loading';
import { DeadlineText } from '../../components/DeadlineText';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import type { FieldSchema } from '../../components/schema-form/json-schema';
import { formatDate } from '../../format/dates';
import { EventDrawer } from './event-form/EventDrawer';
import { nextDeadline } from './next-deadline';
import { Timeline } from './Timeline';

const VOTE_KINDS: Record<string, string> = {
  cell: 'Chi bộ xét kết nạp',
  grassroots: 'Cấp ủy cơ sở xét kết nạp',
  recognitionCell: 'Chi bộ xét công nhận chính thức',
  recognitionGrassroots: 'Cấp ủy cơ sở xét công nhận chính thức',
};

const DEADLINE_STATUS: Record<string, string> = { open: 'Đang chạy', done: 'Đã xong', cancelled: 'Không còn áp dụng' };

function Documents({ dossier }: { dossier: DossierView }) {
  const { message } = App.useApp();
  const documents = useQuery({
    queryKey: ['dossiers', dossier.id, 'documents', dossier.version],
    queryFn: () => api<{ code: string; title: string }[]>(`/dossiers/${dossier.id}/documents`),
  });
  if (documents.error) return <ErrorAlert error={documents.error} />;
  if (!documents.data?.length) return <Typography.Text type="secondary">Chưa có tài liệu nào.</Typography.Text>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {documents.data.map((document) => (
        <Button
          key={document.code}
          type="link"
          style={{ paddingLeft: 0, whiteSpace: 'normal', textAlign: 'left', height: 'auto', minHeight: 44 }}
          onClick={() =>
            download(
              `/dossiers/${dossier.id}/documents/${encodeURIComponent(document.code)}`,
              `${document.code} ${dossier.candidate.fullName}.docx`,
            ).catch((error) => message.error(errorText(error).title))
          }
        >
          Tải {document.code}: {document.title} (.docx)
        </Button>
      ))}
    </Space>
  );
}

function CandidateDetails({ dossier, schema }: { dossier: DossierView; schema?: FieldSchema }) {
  const fields = (schema?.properties?.candidate?.properties ?? {}) as Record<string, FieldSchema>;
  const candidate = dossier.candidate as unknown as Record<string, unknown>;
  return (
    <Descriptions
      column={1}
      size="small"
      items={Object.entries(fields)
        .filter(
          ([name]) => candidate[name] !== undefined && candidate[name] !== null && typeof candidate[name] !== 'object',
        )
        .map(([name, field]) => {
          const value = candidate[name];
          return {
            key: name,
            label: field.title ?? name,
            children:
              typeof value === 'boolean'
                ? value
                  ? 'Có'
                  : 'Không'
                : field.format === 'date'
                  ? formatDate(String(value))
                  : (field.optionLabels?.[String(value)] ?? String(value)),
          };
        })}
    />
  );
}

/** Hồ sơ chi tiết: one dossier on one page, its steps as buttons. */
export default function DossierPage() {
  const { id = '' } = useParams();
  const dossier = useDossier(id);
  const history = useHistory(id);
  const workflow = useWorkflow();
  const organisations = useOrganisations();
  const [event, setEvent] = useState<{ type: string; label: string } | null>(null);

  if (dossier.isPending) return <Loading />;
  if (dossier.error)
    return (
      <>
        <ErrorAlert error={dossier.error} />
        <Link to="/ho-so">Về danh sách hồ sơ</Link>
      </>
    );
  const view = dossier.data;
  const cell = findOrganisation(organisations.data ?? [], view.cellId);
  const due = nextDeadline(view);

  return (
    <>
      <Link to="/ho-so">← Danh sách hồ sơ</Link>
      <PageTitle>{view.candidate.fullName}</PageTitle>
      <Space wrap size={[16, 8]} style={{ marginBottom: 16 }}>
        <Tag color="red" style={{ fontSize: 14, padding: '2px 8px' }}>
          {view.stateLabel}
        </Tag>
        <span>{cell?.name ?? 'Chi bộ'}</span>
        {due && (
          <span>
            Hạn tiếp theo: {due.label}: <DeadlineText dueOn={due.dueOn} workingDaysLeft={due.workingDaysLeft} />
          </span>
        )}
      </Space>

      <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>Bước tiếp theo</h2>} style={{ marginBottom: 16 }}>
        {view.allowedEvents.length === 0 ? (
          <Typography.Text type="secondary">Bạn không có bước nào để ghi nhận ở trạng thái này.</Typography.Text>
        ) : (
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            {view.allowedEvents.map((allowed) => (
              <Button
                key={allowed.type}
                size="large"
                onClick={() => setEvent(allowed)}
                style={{ whiteSpace: 'normal', height: 'auto', minHeight: 44, textAlign: 'left', maxWidth: '100%' }}
              >
                {allowed.label}
              </Button>
            ))}
          </div>
        )}
        {view.approvals && (
          <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
            Ý kiến Ban Thường vụ: {view.approvals.inFavour} tán thành, {view.approvals.objections} không tán thành
            {view.approvals.required !== null && ` (cần ${view.approvals.required})`}
          </Typography.Paragraph>
        )}
      </Card>

      <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>Diễn biến hồ sơ</h2>} style={{ marginBottom: 16 }}>
        {history.error && <ErrorAlert error={history.error} />}
        {history.data && workflow.data ? <Timeline history={history.data} workflow={workflow.data} /> : <Loading />}
      </Card>

      <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>Thời hạn</h2>} style={{ marginBottom: 16 }}>
        {view.deadlines.length === 0 ? (
          <Empty description="Chưa có thời hạn nào" image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Table
            size="small"
            pagination={false}
            rowKey={(row) => `${row.kind}-${row.dueOn}`}
            dataSource={view.deadlines}
            scroll={{ x: true }}
            columns={[
              { title: 'Việc', dataIndex: 'label' },
              {
                title: 'Hạn',
                render: (_value, row) =>
                  row.status === 'open' ? (
                    <DeadlineText dueOn={row.dueOn} workingDaysLeft={row.workingDaysLeft} />
                  ) : (
                    formatDate(row.dueOn)
                  ),
              },
              {
                title: 'Tình trạng',
                render: (_value, row) =>
                  row.status === 'done' && row.late
                    ? `Đã xong (muộn, ${formatDate(row.closedOn)})`
                    : row.status === 'open'
                      ? DEADLINE_STATUS.open
                      : `${DEADLINE_STATUS[row.status] ?? row.status} (${formatDate(row.closedOn)})`,
              },
            ]}
          />
        )}
      </Card>

      <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>Biểu quyết</h2>} style={{ marginBottom: 16 }}>
        {!view.votes?.length ? (
          <Typography.Text type="secondary">Chưa có biểu quyết nào.</Typography.Text>
        ) : (
          <Table
            size="small"
            pagination={false}
            rowKey={(row) => `${row.kind}-${row.occurredOn}`}
            dataSource={view.votes}
            scroll={{ x: true }}
            columns={[
              { title: 'Biểu quyết', render: (_value, row) => VOTE_KINDS[row.kind] ?? row.kind },
              { title: 'Ngày', render: (_value, row) => formatDate(row.occurredOn) },
              { title: 'Tán thành', render: (_value, row) => `${row.inFavour}/${row.members}` },
              { title: 'Không tán thành', dataIndex: 'against' },
              {
                title: 'Kết quả',
                render: (_value, row) => (row.passed ? <Tag color="green">Đạt</Tag> : <Tag color="red">Không đạt</Tag>),
              },
            ]}
          />
        )}
      </Card>

      <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>Tài liệu</h2>} style={{ marginBottom: 16 }}>
        <Documents dossier={view} />
      </Card>

      <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>Người xin vào Đảng</h2>} style={{ marginBottom: 16 }}>
        <CandidateDetails dossier={view} schema={workflow.data?.creation.schema as FieldSchema | undefined} />
        <Typography.Text type="secondary">
          Lập hồ sơ ngày {formatDate(view.dates.identifiedOn ?? view.createdAt)}
        </Typography.Text>
      </Card>

      <EventDrawer dossier={view} event={event} onClose={() => setEvent(null)} />
    </>
  );
}
