import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Descriptions, Empty, Form, Input, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { queryKeys, useHistory, useOrganisations } from '../../api/queries';
import type { DossierView } from '../../api/types';
import { findOrganisation, useSession } from '../../auth/session';
import { Loading } from '../../app/Loading';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { formatDate, todayIso } from '../../format/dates';

const VOTE_LABELS: Record<string, string> = {
  cell: 'Chi bộ',
  grassroots: 'Cấp ủy cơ sở',
  recognitionCell: 'Chi bộ (công nhận chính thức)',
  recognitionGrassroots: 'Cấp ủy cơ sở (công nhận chính thức)',
};

type Opinion = 'APPROVE_DECISION' | 'OBJECT_DECISION';

/** One decision on one card: what a member needs to decide, its date, and the two buttons. */
function Decision({ dossier }: { dossier: DossierView }) {
  const history = useHistory(dossier.id);
  const organisations = useOrganisations();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  // The day the member gave the opinion, today unless entered from paper: the decision cannot predate it.
  const [dated] = Form.useForm<{ occurredOn: string }>();
  const decide = useMutation({
    mutationFn: ({ type, occurredOn }: { type: Opinion; occurredOn: string }) =>
      api<DossierView>(`/dossiers/${dossier.id}/events`, {
        body: { type, occurredOn, ...(note.trim() ? { note: note.trim() } : {}) },
        headers: { 'If-Match': String(dossier.version) },
      }),
    onSuccess: (_updated, { type }) => {
      message.success(type === 'APPROVE_DECISION' ? 'Đã ghi nhận: tán thành' : 'Đã ghi nhận: không tán thành');
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
      void queryClient.invalidateQueries({ queryKey: queryKeys.dossier(dossier.id) });
    },
  });

  // A date the field refuses shows its own message; nothing is sent.
  const give = (type: Opinion) =>
    dated.validateFields().then(
      ({ occurredOn }) => decide.mutate({ type, occurredOn }),
      () => undefined,
    );

  const entries = (history.data ?? []).filter((entry) => !entry.voidedBySeq);
  const conclusion = entries.filter((entry) => entry.type === 'CONCLUDE_VERIFICATION').at(-1);
  const introducers = entries.filter((entry) => entry.type === 'ADD_INTRODUCER');
  const cell = findOrganisation(organisations.data ?? [], dossier.cellId);
  const approvals = dossier.approvals;
  const headingId = `decision-${dossier.id}`;

  return (
    <Card
      style={{ marginBottom: 16 }}
      title={
        <h2 id={headingId} style={{ margin: 0, fontSize: 18, whiteSpace: 'normal' }}>
          <Link to={`/ho-so/${dossier.id}`}>{dossier.candidate.fullName}</Link>
        </h2>
      }
    >
      <section aria-labelledby={headingId}>
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'state', label: 'Việc', children: dossier.stateLabel },
            { key: 'cell', label: 'Chi bộ', children: cell?.name ?? '—' },
            {
              key: 'born',
              label: 'Ngày sinh',
              children: formatDate(dossier.candidate.dateOfBirth),
            },
            ...(dossier.votes ?? []).map((vote) => ({
              key: `${vote.kind}-${vote.occurredOn}`,
              label: `Biểu quyết ${VOTE_LABELS[vote.kind] ?? vote.kind}`,
              children: `${vote.inFavour}/${vote.members} tán thành, ${vote.against} không tán thành (${formatDate(vote.occurredOn)}) — ${vote.passed ? 'đạt' : 'không đạt'}`,
            })),
            {
              key: 'verification',
              label: 'Kết luận thẩm tra',
              children: conclusion
                ? `${conclusion.payload.passed ? 'Đạt' : 'Không đạt'} (${formatDate(conclusion.occurredOn)})${conclusion.payload.note ? `: ${String(conclusion.payload.note)}` : ''}`
                : history.isPending
                  ? '…'
                  : 'Chưa có',
            },
            {
              key: 'introducers',
              label: 'Người giới thiệu',
              children: introducers.length
                ? introducers.map((entry) => String(entry.payload.memberName)).join(', ')
                : history.isPending
                  ? '…'
                  : 'Chưa có',
            },
            {
              key: 'approvals',
              label: 'Ý kiến đến nay',
              children: approvals
                ? `${approvals.inFavour} tán thành, ${approvals.objections} không tán thành` +
                  (approvals.members ? ` / ${approvals.members} ủy viên` : '') +
                  (approvals.required ? ` (cần ${approvals.required} tán thành)` : '')
                : '—',
            },
          ]}
        />
        <Form form={dated} layout="vertical" initialValues={{ occurredOn: todayIso() }} style={{ marginTop: 12 }}>
          <DateField name="occurredOn" label="Ngày cho ý kiến" />
        </Form>
        <label htmlFor={`note-${dossier.id}`} style={{ display: 'block', margin: '0 0 4px' }}>
          Ý kiến (bắt buộc khi không tán thành)
        </label>
        <Input.TextArea
          id={`note-${dossier.id}`}
          value={note}
          status={noteMissing ? 'error' : undefined}
          onChange={(event) => {
            setNote(event.target.value);
            setNoteMissing(false);
          }}
          autoSize={{ minRows: 2, maxRows: 5 }}
        />
        {noteMissing && (
          <Typography.Text type="danger" role="alert">
            Xin ghi ý kiến khi không tán thành.
          </Typography.Text>
        )}
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={decide.error} />
        </div>
        <Space wrap style={{ marginTop: 4 }}>
          <Button
            type="primary"
            size="large"
            loading={decide.isPending && decide.variables?.type === 'APPROVE_DECISION'}
            onClick={() => void give('APPROVE_DECISION')}
          >
            Tán thành
          </Button>
          <Button
            danger
            size="large"
            loading={decide.isPending && decide.variables?.type === 'OBJECT_DECISION'}
            onClick={() => (note.trim() ? void give('OBJECT_DECISION') : setNoteMissing(true))}
          >
            Không tán thành
          </Button>
        </Space>
      </section>
    </Card>
  );
}

/** Phê duyệt: the decisions waiting for this committee member's approval or objection. */
export default function ApprovalsPage() {
  const { hasRole } = useSession();
  const member = hasRole('committeeMember');
  const approvals = useQuery({
    queryKey: queryKeys.approvals,
    queryFn: () => api<DossierView[]>('/inbox/approvals'),
    enabled: member,
  });
  return (
    <>
      <PageTitle>Phê duyệt</PageTitle>
      {!member ? (
        <Typography.Paragraph>
          Trang này dành cho ủy viên Ban Thường vụ: các quyết định kết nạp và công nhận chờ ý kiến của họ.
        </Typography.Paragraph>
      ) : approvals.isPending ? (
        <Loading />
      ) : (
        <>
          <ErrorAlert error={approvals.error} />
          {approvals.data?.length === 0 && <Empty description="Không có quyết định nào chờ ý kiến của bạn" />}
          {approvals.data?.map((dossier) => (
            <Decision key={dossier.id} dossier={dossier} />
          ))}
        </>
      )}
    </>
  );
}
