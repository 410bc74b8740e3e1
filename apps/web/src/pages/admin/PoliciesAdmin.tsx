import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Drawer, Flex, Form, Input, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiRequestError } from '../../api/client';
import { formatDate, formatDateTime, TYPED_DATE_FORMATS } from '../../format/dates';
import { CONFIDENCE_LABELS, PARAMETER_LABELS, parameterParts, parseValue, showValue } from './policy-labels';
import type { PolicyVersion } from './types';
import { usePhone } from '../../shared/layout';

interface ParameterRow {
  name: string;
  value: unknown;
  citation?: string;
  confidence?: string;
}

const rowsOf = (version: PolicyVersion): ParameterRow[] =>
  Object.entries(version.parameters).map(([name, stored]) => ({ name, ...parameterParts(stored) }));

function ParametersTable({ version }: { version: PolicyVersion }) {
  return (
    <Table<ParameterRow>
      size="small"
      rowKey="name"
      pagination={false}
      dataSource={rowsOf(version)}
      columns={[
        {
          title: 'Tham số',
          key: 'name',
          render: (_, row) => (
            <Flex vertical gap={2}>
              <span>{PARAMETER_LABELS[row.name] ?? row.name}</span>
              {row.citation && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {row.citation}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
        { title: 'Giá trị', key: 'value', width: 90, render: (_, row) => showValue(row.value) },
        {
          title: 'Độ tin cậy',
          key: 'confidence',
          width: 140,
          responsive: ['md'],
          render: (_, row) =>
            row.confidence ? (
              <Tag color={CONFIDENCE_LABELS[row.confidence]?.color}>
                {CONFIDENCE_LABELS[row.confidence]?.label ?? row.confidence}
              </Tag>
            ) : null,
        },
      ]}
    />
  );
}

interface PublishForm {
  effectiveFrom: Dayjs;
  citation: string;
  note?: string;
  values: Record<string, string | undefined>;
}

function PublishDrawer({ base, onClose }: { base: PolicyVersion; onClose: () => void }) {
  const phone = usePhone();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const publish = useMutation({
    mutationFn: (values: PublishForm) => {
      const parameters = Object.fromEntries(
        Object.entries(values.values ?? {})
          .filter(([, text]) => text !== undefined && text.trim() !== '')
          .map(([name, text]) => [name, parseValue(text!)]),
      );
      return api<PolicyVersion>('/policies', {
        body: {
          effectiveFrom: values.effectiveFrom.format('YYYY-MM-DD'),
          parameters,
          citation: values.citation.trim(),
          ...(values.note?.trim() ? { note: values.note.trim() } : {}),
        },
      });
    },
    onSuccess: (created) => {
      message.success(`Đã ban hành phiên bản ${created.version}`);
      void queryClient.invalidateQueries({ queryKey: ['policies'] });
      onClose();
    },
  });
  const error = publish.error;
  return (
    <Drawer open onClose={onClose} title="Ban hành phiên bản quy định mới" size={phone ? '100%' : 720}>
      <Typography.Paragraph type="secondary">
        Phiên bản mới sửa phiên bản {base.version} ở các tham số được nhập giá trị mới, có hiệu lực từ ngày chọn (từ hôm
        nay trở đi; chỉ được đính chính hồi tố tham số chưa xác nhận). Các bước đã ghi không bị xét lại.
      </Typography.Paragraph>
      <Form<PublishForm>
        layout="vertical"
        name="publish-policy"
        initialValues={{ effectiveFrom: dayjs() }}
        onFinish={(values) => publish.mutate(values)}
      >
        <Flex wrap gap={12}>
          <Form.Item
            name="effectiveFrom"
            label="Có hiệu lực từ ngày"
            rules={[{ required: true, message: 'Nhập ngày' }]}
            style={{ flex: '1 1 160px' }}
          >
            <DatePicker format={TYPED_DATE_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="citation"
            label="Căn cứ (văn bản, điều khoản)"
            rules={[{ required: true, whitespace: true, message: 'Nhập căn cứ' }]}
            style={{ flex: '3 1 280px' }}
          >
            <Input maxLength={500} />
          </Form.Item>
        </Flex>
        <Form.Item name="note" label="Ghi chú">
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Table<ParameterRow>
          size="small"
          rowKey="name"
          pagination={false}
          dataSource={rowsOf(base)}
          caption={<Typography.Text strong>Giá trị mới (để trống nếu giữ nguyên; tỷ lệ viết 2/3)</Typography.Text>}
          columns={[
            { title: 'Tham số', key: 'name', render: (_, row) => PARAMETER_LABELS[row.name] ?? row.name },
            { title: 'Hiện hành', key: 'value', width: 90, render: (_, row) => showValue(row.value) },
            {
              title: 'Giá trị mới',
              key: 'new',
              width: 130,
              render: (_, row) => (
                <Form.Item name={['values', row.name]} noStyle>
                  <Input aria-label={`Giá trị mới: ${PARAMETER_LABELS[row.name] ?? row.name}`} />
                </Form.Item>
              ),
            },
          ]}
        />
        {error && (
          <Alert
            role="alert"
            type="error"
            showIcon
            style={{ marginTop: 16 }}
            title={error.message}
            description={error instanceof ApiRequestError ? (error.body.citation as string | undefined) : undefined}
          />
        )}
        <Button type="primary" htmlType="submit" loading={publish.isPending} style={{ marginTop: 16 }}>
          Ban hành
        </Button>
      </Form>
    </Drawer>
  );
}

/** The policy versions (the legal numbers in force by date), newest first; an admin of everything publishes. */
export function PoliciesAdmin({ canPublish }: { canPublish: boolean }) {
  const [publishing, setPublishing] = useState(false);
  const versions = useQuery({ queryKey: ['policies'], queryFn: () => api<PolicyVersion[]>('/policies') });
  const newestFirst = [...(versions.data ?? [])].reverse();
  return (
    <Flex vertical gap={12}>
      {canPublish && newestFirst[0] && (
        <Flex justify="end">
          <Button type="primary" onClick={() => setPublishing(true)}>
            Ban hành phiên bản mới
          </Button>
        </Flex>
      )}
      {versions.isError && <Alert type="error" showIcon title={versions.error.message} />}
      <Table<PolicyVersion>
        size="small"
        rowKey="version"
        loading={versions.isLoading}
        dataSource={newestFirst}
        pagination={false}
        expandable={{ expandedRowRender: (version) => <ParametersTable version={version} /> }}
        columns={[
          {
            title: 'Phiên bản',
            key: 'version',
            render: (_, version) => (
              <Flex vertical gap={2}>
                <Typography.Text strong>{version.version}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {version.citation}
                </Typography.Text>
                {version.note && <Typography.Text style={{ fontSize: 12 }}>{version.note}</Typography.Text>}
              </Flex>
            ),
          },
          { title: 'Hiệu lực từ', dataIndex: 'effectiveFrom', width: 110, render: formatDate },
          {
            title: 'Ban hành',
            key: 'created',
            width: 150,
            responsive: ['md'],
            render: (_, version) => `${version.createdBy}, ${formatDateTime(version.createdAt)}`,
          },
        ]}
      />
      {publishing && newestFirst[0] && <PublishDrawer base={newestFirst[0]} onClose={() => setPublishing(false)} />}
    </Flex>
  );
}
