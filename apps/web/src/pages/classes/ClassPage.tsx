import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Radio,
  Select,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { api, download } from '../../api/client';
import type { DossierPage } from '../../api/types';
import { useSession } from '../../auth/session';
import { formatDate, toDayjs, TYPED_DATE_FORMATS } from '../../format/dates';
import { CLASS_KIND_LABELS, type ClassClosing, type ClassParticipant, type TrainingClassView } from './types';
import { TAG_COLORS, emptyText } from '../../shared/layout';

const OUTCOME_LABELS = { issued: 'Đã cấp', recorded: 'Đã ghi vào hồ sơ', refused: 'Hồ sơ không nhận' } as const;

function Outcome({ outcome }: { outcome: ClassParticipant['outcome'] }) {
  if (!outcome) return <Typography.Text type="secondary">Chưa bế giảng</Typography.Text>;
  const color = outcome.status === 'refused' ? TAG_COLORS.orange : TAG_COLORS.green;
  return (
    <Flex vertical gap={2}>
      <Tag color={color} style={{ width: 'fit-content' }}>
        {OUTCOME_LABELS[outcome.status]}
      </Tag>
      {outcome.status === 'refused' && outcome.message && (
        <Typography.Text type="secondary">{outcome.message}</Typography.Text>
      )}
    </Flex>
  );
}

/** A candidate found by name (diacritics ignored) or national ID, or a person without a dossier. */
function EnrolForm({ classId }: { classId: string }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'dossier' | 'name'>('dossier');
  const [search, setSearch] = useState('');
  const [dossierId, setDossierId] = useState<string | undefined>();
  const [fullName, setFullName] = useState('');
  const found = useQuery({
    queryKey: ['dossiers', 'enrol', search],
    queryFn: () => api<DossierPage>('/dossiers', { query: { q: search, limit: 20 } }),
    enabled: mode === 'dossier' && search.trim().length >= 2,
  });
  const enrol = useMutation({
    mutationFn: () =>
      api<TrainingClassView>(`/classes/${classId}/participants`, {
        body: mode === 'dossier' ? { dossierId } : { fullName: fullName.trim() },
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['class', classId], updated);
      void queryClient.invalidateQueries({ queryKey: ['classes'] });
      message.success('Đã thêm vào danh sách lớp');
      setDossierId(undefined);
      setFullName('');
      setSearch('');
    },
    onError: (error) => message.error(error.message),
  });
  return (
    <Form layout="vertical" component="div">
      <Form.Item label="Thêm học viên" style={{ marginBottom: 8 }}>
        <Radio.Group value={mode} onChange={(event) => setMode(event.target.value)}>
          <Radio value="dossier">Quần chúng có hồ sơ</Radio>
          <Radio value="name">Người chưa có hồ sơ</Radio>
        </Radio.Group>
      </Form.Item>
      <Flex gap={8} wrap align="end">
        {mode === 'dossier' ? (
          <Form.Item
            label="Hồ sơ (gõ họ tên hoặc số định danh)"
            htmlFor="enrol-dossier"
            style={{ flex: '1 1 260px', marginBottom: 0 }}
          >
            <Select
              id="enrol-dossier"
              showSearch={{ filterOption: false, onSearch: setSearch }}
              value={dossierId}
              onChange={setDossierId}
              loading={found.isFetching}
              notFoundContent={search.trim().length < 2 ? 'Gõ ít nhất 2 ký tự' : 'Không tìm thấy hồ sơ'}
              options={(found.data?.items ?? []).map((dossier) => ({
                value: dossier.id,
                label: `${dossier.candidate.fullName} — ${dossier.stateLabel}`,
              }))}
            />
          </Form.Item>
        ) : (
          <Form.Item label="Họ và tên" htmlFor="enrol-name" style={{ flex: '1 1 260px', marginBottom: 0 }}>
            <Input
              id="enrol-name"
              value={fullName}
              maxLength={200}
              onChange={(event) => setFullName(event.target.value)}
            />
          </Form.Item>
        )}
        <Button
          type="primary"
          onClick={() => enrol.mutate()}
          loading={enrol.isPending}
          disabled={mode === 'dossier' ? !dossierId : fullName.trim() === ''}
        >
          Thêm vào lớp
        </Button>
      </Flex>
    </Form>
  );
}

interface ClosingForm {
  closedOn: Dayjs;
  certificatePrefix: string;
}

function CloseForm({
  trainingClass,
  onClosed,
}: {
  trainingClass: TrainingClassView;
  onClosed: (r: ClassClosing) => void;
}) {
  const queryClient = useQueryClient();
  const close = useMutation({
    mutationFn: (values: ClosingForm) =>
      api<ClassClosing>(`/classes/${trainingClass.id}/close`, {
        body: { closedOn: values.closedOn.format('YYYY-MM-DD'), certificatePrefix: values.certificatePrefix.trim() },
      }),
    onSuccess: (closing) => {
      onClosed(closing);
      void queryClient.invalidateQueries({ queryKey: ['class', trainingClass.id] });
      void queryClient.invalidateQueries({ queryKey: ['classes'] });
      void queryClient.invalidateQueries({ queryKey: ['dossiers'] });
    },
  });
  return (
    <Form<ClosingForm>
      layout="vertical"
      name="close-class"
      initialValues={{
        closedOn: toDayjs(trainingClass.endsOn),
        certificatePrefix: trainingClass.endsOn.slice(0, 4),
      }}
      onFinish={(values) => close.mutate(values)}
    >
      <Typography.Paragraph type="secondary">
        Bế giảng lớp cấp giấy chứng nhận cho mọi học viên (số chứng nhận gồm tiền tố và số thứ tự) và ghi giấy chứng
        nhận vào hồ sơ của từng quần chúng.
      </Typography.Paragraph>
      <Flex gap={12} wrap align="end">
        <Form.Item
          name="closedOn"
          label="Ngày bế giảng"
          rules={[{ required: true, message: 'Nhập ngày bế giảng' }]}
          style={{ flex: '1 1 160px' }}
        >
          <DatePicker format={TYPED_DATE_FORMATS} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="certificatePrefix"
          label="Tiền tố số chứng nhận"
          extra="Số chứng nhận: tiền tố, rồi số thứ tự (2026-001, 2026-002…)"
          rules={[{ required: true, whitespace: true, message: 'Nhập tiền tố' }]}
          style={{ flex: '1 1 160px' }}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item style={{ flex: '0 0 auto' }}>
          <Button
            type="primary"
            htmlType="submit"
            loading={close.isPending}
            disabled={trainingClass.participants.length === 0}
          >
            Bế giảng và cấp chứng nhận
          </Button>
        </Form.Item>
      </Flex>
      {close.isError && <Alert type="error" showIcon title={close.error.message} />}
    </Form>
  );
}

/** One class: its participants, enrolment while it runs, closing with certificates, the certificates file. */
export default function ClassPage() {
  const { id = '' } = useParams();
  const { hasRole } = useSession();
  const { message } = App.useApp();
  const [closing, setClosing] = useState<ClassClosing | null>(null);
  const trainingClass = useQuery({ queryKey: ['class', id], queryFn: () => api<TrainingClassView>(`/classes/${id}`) });
  if (trainingClass.isError)
    return <Alert type="error" showIcon title="Không mở được lớp" description={trainingClass.error.message} />;
  const data = trainingClass.data;
  if (!data) return <Skeleton active />;
  const refused = closing?.results.filter((result) => result.status === 'refused') ?? [];
  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Link to="/lop-boi-duong">← Lớp bồi dưỡng</Link>
      <Typography.Title level={1} style={{ margin: 0 }}>
        {data.name}
      </Typography.Title>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'kind', label: 'Loại lớp', children: CLASS_KIND_LABELS[data.kind] },
          { key: 'dates', label: 'Thời gian', children: `${formatDate(data.startsOn)} – ${formatDate(data.endsOn)}` },
          { key: 'issuer', label: 'Cơ quan cấp chứng nhận', children: data.issuer },
          {
            key: 'status',
            label: 'Trạng thái',
            children: data.closedOn ? `Đã bế giảng ngày ${formatDate(data.closedOn)}` : 'Đang học',
          },
        ]}
      />
      {closing && (
        <Alert
          type={refused.length ? 'warning' : 'success'}
          showIcon
          title={`Đã bế giảng, cấp ${closing.results.length} giấy chứng nhận`}
          description={
            refused.length
              ? `${refused.length} hồ sơ không nhận giấy chứng nhận: ${refused.map((r) => `${r.fullName} (${r.message ?? r.code})`).join('; ')}`
              : undefined
          }
        />
      )}
      <Card
        size="small"
        title={
          <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
            Danh sách học viên ({data.participants.length})
          </Typography.Title>
        }
      >
        {data.closedOn && (
          <Flex justify="end">
            <Button
              onClick={() =>
                download(`/classes/${data.id}/certificates`, `giay-chung-nhan-${data.id.slice(0, 8)}.docx`).catch(
                  (error: Error) => message.error(error.message),
                )
              }
            >
              Tải giấy chứng nhận
            </Button>
          </Flex>
        )}
        {!data.closedOn && hasRole('specialist', 'grassrootsOfficer', 'cellSecretary', 'admin') && (
          <EnrolForm classId={data.id} />
        )}
        <Table<ClassParticipant>
          rowKey="id"
          size="small"
          style={{ marginTop: 12 }}
          pagination={false}
          dataSource={data.participants}
          locale={emptyText('Lớp chưa có học viên')}
          columns={[
            {
              title: 'Họ và tên',
              key: 'name',
              render: (_, p) => (p.dossierId ? <Link to={`/ho-so/${p.dossierId}`}>{p.fullName}</Link> : p.fullName),
            },
            { title: 'Số chứng nhận', dataIndex: 'certificateNo', render: (no: string | null) => no ?? '—' },
            { title: 'Kết quả', key: 'outcome', render: (_, p) => <Outcome outcome={p.outcome} /> },
          ]}
        />
      </Card>
      {!data.closedOn && hasRole('specialist') && (
        <Card
          size="small"
          title={
            <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
              Bế giảng lớp
            </Typography.Title>
          }
        >
          <CloseForm trainingClass={data} onClosed={setClosing} />
        </Card>
      )}
    </Flex>
  );
}
