import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Drawer, Flex, Form, Input, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { formatDate, TYPED_DATE_FORMATS } from '../../format/dates';
import { formatNumber } from '../../format/numbers';
import { useOrganisationOptions, organisationSearch } from '../../shared/organisation-options';
import { CLASS_KIND_LABELS, type ClassKind, type TrainingClassSummary, type TrainingClassView } from './types';
import { TAG_COLORS, emptyText, usePhone } from '../../shared/layout';

type Summary = TrainingClassSummary & { participants: number };

interface NewClassForm {
  kind: ClassKind;
  name: string;
  organizerOrgId: string;
  startsOn: Dayjs;
  endsOn: Dayjs;
  issuer: string;
}

const kindOptions = Object.entries(CLASS_KIND_LABELS).map(([value, label]) => ({ value, label }));
const iso = (date: Dayjs) => date.format('YYYY-MM-DD');

function NewClassDrawer({ onClose }: { onClose: () => void }) {
  const phone = usePhone();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const { options } = useOrganisationOptions();
  const [form] = Form.useForm<NewClassForm>();
  const create = useMutation({
    mutationFn: (values: NewClassForm) =>
      api<TrainingClassView>('/classes', {
        body: {
          ...values,
          name: values.name.trim(),
          issuer: values.issuer.trim(),
          startsOn: iso(values.startsOn),
          endsOn: iso(values.endsOn),
        },
      }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['classes'] });
      navigate(`/lop-boi-duong/${created.id}`);
    },
  });
  return (
    <Drawer open onClose={onClose} title="Mở lớp bồi dưỡng" size={phone ? '100%' : 520}>
      <Form<NewClassForm>
        form={form}
        layout="vertical"
        name="new-class"
        initialValues={{ kind: 'awareness', organizerOrgId: user?.scopeOrgId ?? undefined }}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item name="kind" label="Loại lớp" rules={[{ required: true, message: 'Chọn loại lớp' }]}>
          <Select options={kindOptions} />
        </Form.Item>
        <Form.Item name="name" label="Tên lớp" rules={[{ required: true, whitespace: true, message: 'Nhập tên lớp' }]}>
          <Input maxLength={300} placeholder="Lớp bồi dưỡng nhận thức về Đảng khóa I năm 2026" />
        </Form.Item>
        <Form.Item name="organizerOrgId" label="Đơn vị tổ chức" rules={[{ required: true, message: 'Chọn đơn vị' }]}>
          <Select showSearch={organisationSearch} options={options} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            name="startsOn"
            label="Ngày khai giảng"
            rules={[{ required: true, message: 'Nhập ngày khai giảng' }]}
            style={{ flex: '1 1 160px' }}
          >
            <DatePicker format={TYPED_DATE_FORMATS} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="endsOn"
            label="Ngày bế giảng"
            dependencies={['startsOn']}
            style={{ flex: '1 1 160px' }}
            rules={[
              { required: true, message: 'Nhập ngày bế giảng' },
              ({ getFieldValue }) => ({
                validator: (_, value: Dayjs | undefined) =>
                  !value || !getFieldValue('startsOn') || !value.isBefore(getFieldValue('startsOn'), 'day')
                    ? Promise.resolve()
                    : Promise.reject(new Error('Ngày bế giảng không được trước ngày khai giảng')),
              }),
            ]}
          >
            <DatePicker format={TYPED_DATE_FORMATS} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item
          name="issuer"
          label="Cơ quan cấp giấy chứng nhận"
          rules={[{ required: true, whitespace: true, message: 'Nhập cơ quan cấp giấy chứng nhận' }]}
        >
          <Input maxLength={300} placeholder="Trung tâm Chính trị tỉnh" />
        </Form.Item>
        {create.isError && <Alert type="error" showIcon title={create.error.message} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={create.isPending} block={phone}>
          Mở lớp
        </Button>
      </Form>
    </Drawer>
  );
}

/** Lớp bồi dưỡng: the classes in scope, newest first; specialists open new ones. */
export default function ClassesPage() {
  const { hasRole } = useSession();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [kind, setKind] = useState<ClassKind | ''>('');
  const classes = useQuery({
    queryKey: ['classes', kind],
    queryFn: () => api<Summary[]>('/classes', { query: { kind } }),
  });
  if (classes.isError) message.error(classes.error.message);
  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Flex wrap gap={8} justify="space-between" align="center">
        <Typography.Title level={1} style={{ margin: 0 }}>
          Lớp bồi dưỡng
        </Typography.Title>
        {hasRole('specialist', 'admin') && (
          <Button type="primary" onClick={() => setCreating(true)}>
            Mở lớp mới
          </Button>
        )}
      </Flex>
      <Form layout="vertical" component="div">
        <Form.Item label="Loại lớp" htmlFor="classes-kind" style={{ marginBottom: 0, maxWidth: 320 }}>
          <Select
            id="classes-kind"
            options={[{ value: '', label: 'Tất cả các loại' }, ...kindOptions]}
            value={kind}
            onChange={setKind}
          />
        </Form.Item>
      </Form>
      <Table<Summary>
        rowKey="id"
        loading={classes.isLoading}
        dataSource={classes.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={emptyText('Chưa có lớp bồi dưỡng nào')}
        columns={[
          {
            title: 'Lớp',
            key: 'name',
            render: (_, row) => (
              <Flex vertical gap={2}>
                <Link to={`/lop-boi-duong/${row.id}`} style={{ fontWeight: 600 }}>
                  {row.name}
                </Link>
                <Typography.Text type="secondary">
                  {CLASS_KIND_LABELS[row.kind]} · {formatDate(row.startsOn)} – {formatDate(row.endsOn)}
                </Typography.Text>
              </Flex>
            ),
          },
          { title: 'Học viên', dataIndex: 'participants', align: 'right', width: 90, render: formatNumber },
          {
            title: 'Trạng thái',
            key: 'status',
            width: 130,
            render: (_, row) =>
              row.closedOn ? (
                <Tag color={TAG_COLORS.green}>Đã bế giảng {formatDate(row.closedOn)}</Tag>
              ) : (
                <Tag color={TAG_COLORS.blue}>Đang học</Tag>
              ),
          },
        ]}
      />
      {creating && <NewClassDrawer onClose={() => setCreating(false)} />}
    </Flex>
  );
}
