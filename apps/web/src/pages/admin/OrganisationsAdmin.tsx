import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import type { OrganizationNode } from '../../api/types';
import { flattenOrganisations } from '../../auth/session';
import { formatDate, formatDateTime, toDayjs, TYPED_DATE_FORMATS } from '../../format/dates';
import { KIND_LABELS, type OrganizationChange, type OrganizationKind } from './types';
import { emptyText, usePhone } from '../../shared/layout';
import { asRows, organisationSearch } from '../../shared/organisation-options';

type Org = OrganizationNode & { depth: number };
type Action = 'rename' | 'move' | 'size' | 'merge' | 'close';

const ACTION_LABELS: Record<Action, string> = {
  rename: 'Đổi tên',
  move: 'Chuyển sang cấp trên khác',
  size: 'Số ủy viên, quyền quyết định kết nạp',
  merge: 'Hợp nhất vào tổ chức khác',
  close: 'Giải thể',
};
const FIELD_LABELS: Record<string, string> = {
  name: 'Tên',
  parentId: 'Cấp trên',
  committeeSize: 'Số ủy viên',
  delegatedAdmission: 'Được ủy quyền kết nạp',
  closedOn: 'Giải thể',
};

const iso = (date: Dayjs) => date.format('YYYY-MM-DD');

/** How an organisation ended: merged into another (hợp nhất) and dissolved (giải thể) are legally different. */
const endOf = (closedOn: string, mergedInto: OrganizationNode['mergedInto']) =>
  mergedInto ? `Đã hợp nhất vào ${mergedInto.name} từ ${formatDate(closedOn)}` : `Đã giải thể ${formatDate(closedOn)}`;

function useTree(asOf?: string, enabled = true) {
  return useQuery({
    queryKey: ['organizations', asOf ?? 'today'],
    queryFn: () => api<OrganizationNode[]>('/organizations', { query: { asOf } }),
    enabled,
  });
}

function describeValue(field: string, value: unknown, names: Map<string, string>) {
  if (value === null || value === undefined) return '—';
  if (field === 'parentId') return names.get(String(value)) ?? String(value);
  if (field === 'closedOn') return formatDate(String(value));
  if (typeof value === 'boolean') return value ? 'có' : 'không';
  return String(value);
}

/**
 * The name of an organisation of a merge: from the tree shown, or else (merged away, so gone from today's tree) from
 * the tree of the day before the merge.
 */
function MergedName({ id, names, mergedOn }: { id: string | null; names: Map<string, string>; mergedOn: string }) {
  const known = id ? names.get(id) : undefined;
  const before = useTree(toDayjs(mergedOn)?.subtract(1, 'day').format('YYYY-MM-DD'), !known && !!id);
  const earlier = flattenOrganisations(before.data ?? []).find((other) => other.id === id)?.name;
  return <>{known ?? earlier ?? 'tổ chức khác'}</>;
}

function ChangeHistory({ org, names }: { org: Org; names: Map<string, string> }) {
  const changes = useQuery({
    queryKey: ['organizations', org.id, 'changes'],
    queryFn: () => api<OrganizationChange[]>(`/organizations/${org.id}/changes`),
  });
  if (changes.isLoading) return <Typography.Text type="secondary">Đang tải…</Typography.Text>;
  if (!changes.data?.length) return <Typography.Text type="secondary">Chưa có thay đổi nào được ghi.</Typography.Text>;
  return (
    <Timeline
      items={changes.data.map((change) => ({
        key: change.id,
        content: (
          <Flex vertical gap={2}>
            <Typography.Text strong>Từ ngày {formatDate(change.effectiveFrom)}</Typography.Text>
            {change.kind === 'merge' ? (
              <Typography.Text>
                {change.orgId === org.id ? 'Hợp nhất vào ' : 'Nhận hợp nhất '}
                <MergedName
                  id={change.orgId === org.id ? change.relatedOrgId : change.orgId}
                  names={names}
                  mergedOn={change.effectiveFrom}
                />
              </Typography.Text>
            ) : (
              Object.entries(change.changes).map(([field, { from, to }]) => (
                <Typography.Text key={field}>
                  {FIELD_LABELS[field] ?? field}: {describeValue(field, from, names)} →{' '}
                  {describeValue(field, to, names)}
                </Typography.Text>
              ))
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {change.actor.username} ghi lúc {formatDateTime(change.recordedAt)}
            </Typography.Text>
          </Flex>
        ),
      }))}
    />
  );
}

interface ChangeForm {
  effectiveFrom: Dayjs;
  name?: string;
  parentId?: string;
  intoId?: string;
  committeeSize?: number | null;
  delegatedAdmission?: boolean;
}

function ChangeOrganisation({
  org,
  action,
  all,
  onDone,
}: {
  org: Org;
  action: Action;
  all: Org[];
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const others = all.filter((other) => other.id !== org.id && !other.closedOn);
  const change = useMutation({
    mutationFn: (values: ChangeForm) => {
      const effectiveFrom = iso(values.effectiveFrom);
      if (action === 'merge')
        return api(`/organizations/${org.id}/merge`, { body: { intoId: values.intoId, effectiveFrom } });
      if (action === 'close') return api(`/organizations/${org.id}/close`, { body: { effectiveFrom } });
      const body =
        action === 'rename'
          ? { name: values.name?.trim() }
          : action === 'move'
            ? { parentId: values.parentId }
            : { committeeSize: values.committeeSize ?? null, delegatedAdmission: values.delegatedAdmission ?? false };
      return api(`/organizations/${org.id}`, { method: 'PATCH', body: { ...body, effectiveFrom } });
    },
    onSuccess: () => {
      message.success(`Đã ghi: ${ACTION_LABELS[action].toLowerCase()} — ${org.name}`);
      void queryClient.invalidateQueries({ queryKey: ['organizations'] });
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      onDone();
    },
  });
  return (
    <Form<ChangeForm>
      layout="vertical"
      name={`org-${action}`}
      initialValues={{
        name: org.name,
        committeeSize: org.committeeSize,
        delegatedAdmission: org.delegatedAdmission,
      }}
      onFinish={(values) => change.mutate(values)}
    >
      {action === 'rename' && (
        <Form.Item name="name" label="Tên mới" rules={[{ required: true, whitespace: true, message: 'Nhập tên mới' }]}>
          <Input maxLength={300} />
        </Form.Item>
      )}
      {action === 'move' && (
        <Form.Item name="parentId" label="Cấp trên mới" rules={[{ required: true, message: 'Chọn cấp trên' }]}>
          <Select showSearch={organisationSearch} options={others.map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
      )}
      {action === 'merge' && (
        <Form.Item name="intoId" label="Hợp nhất vào" rules={[{ required: true, message: 'Chọn tổ chức nhận' }]}>
          <Select
            showSearch={organisationSearch}
            options={others.filter((o) => o.kind === org.kind).map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
      )}
      {action === 'size' && (
        <>
          <Form.Item name="committeeSize" label="Số ủy viên của cấp ủy (ban thường vụ)">
            <InputNumber min={1} max={500} precision={0} />
          </Form.Item>
          <Form.Item name="delegatedAdmission" valuePropName="checked">
            <Checkbox>Được ủy quyền quyết định kết nạp</Checkbox>
          </Form.Item>
        </>
      )}
      {action === 'close' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="Chỉ giải thể được tổ chức không còn hồ sơ và tổ chức trực thuộc đang hoạt động."
        />
      )}
      <Form.Item
        name="effectiveFrom"
        label="Có hiệu lực từ ngày"
        rules={[{ required: true, message: 'Nhập ngày có hiệu lực' }]}
        extra="Báo cáo theo lịch sử tính mọi việc trước ngày này theo tổ chức cũ."
      >
        <DatePicker format={TYPED_DATE_FORMATS} placeholder="dd/mm/yyyy" />
      </Form.Item>
      {change.isError && <Alert type="error" showIcon title={change.error.message} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={change.isPending} danger={action === 'close'}>
        Ghi thay đổi
      </Button>
    </Form>
  );
}

function OrganisationDrawer({ org, all, onClose }: { org: Org; all: Org[]; onClose: () => void }) {
  const phone = usePhone();
  const [action, setAction] = useState<Action | null>(null);
  const names = new Map(all.map((o) => [o.id, o.name]));
  const actions: Action[] = org.closedOn ? [] : ['rename', 'move', 'size', 'merge', 'close'];
  return (
    <Drawer open onClose={onClose} title={org.name} size={phone ? '100%' : 560}>
      <Flex vertical gap={16}>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'kind', label: 'Loại', children: KIND_LABELS[org.kind as OrganizationKind] ?? org.kind },
            { key: 'parent', label: 'Cấp trên', children: org.parentId ? names.get(org.parentId) : '—' },
            { key: 'size', label: 'Số ủy viên', children: org.committeeSize ?? '—' },
            { key: 'delegated', label: 'Được ủy quyền kết nạp', children: org.delegatedAdmission ? 'Có' : 'Không' },
            { key: 'opened', label: 'Thành lập', children: formatDate(org.openedOn) },
            org.mergedInto
              ? {
                  key: 'closed',
                  label: 'Hợp nhất vào',
                  children: `${org.mergedInto.name} từ ${formatDate(org.closedOn)}`,
                }
              : { key: 'closed', label: 'Giải thể', children: formatDate(org.closedOn) },
          ]}
        />
        {actions.length > 0 && (
          <Flex wrap gap={8} role="group" aria-label="Thay đổi tổ chức">
            {actions.map((a) => (
              <Button
                key={a}
                type={action === a ? 'primary' : 'default'}
                danger={a === 'close'}
                onClick={() => setAction(a)}
              >
                {ACTION_LABELS[a]}
              </Button>
            ))}
          </Flex>
        )}
        {action && (
          <ChangeOrganisation key={action} org={org} action={action} all={all} onDone={() => setAction(null)} />
        )}
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          Các thay đổi đã ghi
        </Typography.Title>
        <ChangeHistory org={org} names={names} />
      </Flex>
    </Drawer>
  );
}

interface NewOrgForm {
  name: string;
  kind: OrganizationKind;
  parentId?: string;
  committeeSize?: number;
  delegatedAdmission?: boolean;
  openedOn?: Dayjs;
}

function NewOrganisation({ all, onClose }: { all: Org[]; onClose: () => void }) {
  const phone = usePhone();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const create = useMutation({
    mutationFn: (values: NewOrgForm) =>
      api('/organizations', {
        body: {
          name: values.name.trim(),
          kind: values.kind,
          parentId: values.parentId ?? null,
          ...(values.committeeSize ? { committeeSize: values.committeeSize } : {}),
          ...(values.delegatedAdmission ? { delegatedAdmission: true } : {}),
          ...(values.openedOn ? { openedOn: iso(values.openedOn) } : {}),
        },
      }),
    onSuccess: () => {
      message.success('Đã thêm tổ chức');
      void queryClient.invalidateQueries({ queryKey: ['organizations'] });
      onClose();
    },
  });
  return (
    <Drawer open onClose={onClose} title="Thêm tổ chức" size={phone ? '100%' : 520}>
      <Form<NewOrgForm>
        layout="vertical"
        name="new-org"
        onFinish={(values) => create.mutate(values)}
        initialValues={{ kind: 'cell' }}
      >
        <Form.Item name="name" label="Tên tổ chức" rules={[{ required: true, whitespace: true, message: 'Nhập tên' }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="kind" label="Loại" rules={[{ required: true, message: 'Chọn loại' }]}>
          <Select options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="parentId" label="Cấp trên">
          <Select
            allowClear
            showSearch={organisationSearch}
            options={all
              .filter((o) => !o.closedOn)
              .map((o) => ({ value: o.id, label: `${'\u00a0\u00a0'.repeat(o.depth)}${o.name}` }))}
          />
        </Form.Item>
        <Form.Item name="committeeSize" label="Số ủy viên của cấp ủy">
          <InputNumber min={1} max={500} precision={0} />
        </Form.Item>
        <Form.Item name="delegatedAdmission" valuePropName="checked">
          <Checkbox>Được ủy quyền quyết định kết nạp</Checkbox>
        </Form.Item>
        <Form.Item name="openedOn" label="Ngày thành lập">
          <DatePicker format={TYPED_DATE_FORMATS} placeholder="dd/mm/yyyy" />
        </Form.Item>
        {create.isError && <Alert type="error" showIcon title={create.error.message} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          Thêm
        </Button>
      </Form>
    </Drawer>
  );
}

/** The organisation tree, today or on a past date, and its changes with their effective dates. */
export function OrganisationsAdmin() {
  const [asOf, setAsOf] = useState<string | undefined>();
  const [selected, setSelected] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const tree = useTree(asOf);
  const all = flattenOrganisations(tree.data ?? []);
  const selectedOrg = all.find((org) => org.id === selected);
  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={12} align="end" justify="space-between">
        <Form layout="vertical" component="div">
          <Form.Item
            label="Cây tổ chức tại ngày"
            htmlFor="org-as-of"
            style={{ marginBottom: 0 }}
            extra={asOf ? undefined : 'Hôm nay'}
          >
            <DatePicker
              id="org-as-of"
              format={TYPED_DATE_FORMATS}
              placeholder="dd/mm/yyyy"
              value={toDayjs(asOf)}
              onChange={(date) => setAsOf(date ? iso(date) : undefined)}
            />
          </Form.Item>
        </Form>
        <Button type="primary" onClick={() => setAdding(true)}>
          Thêm tổ chức
        </Button>
      </Flex>
      <Table<Omit<Org, 'children'>>
        size="small"
        rowKey="id"
        loading={tree.isLoading}
        pagination={false}
        dataSource={asRows(all)}
        locale={emptyText('Không có tổ chức')}
        columns={[
          {
            title: 'Tổ chức',
            key: 'name',
            render: (_, org) => (
              <span style={{ paddingLeft: Math.min(org.depth, 4) * 14, display: 'inline-block' }}>
                <Button
                  type="link"
                  style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                  onClick={() => setSelected(org.id)}
                >
                  {org.name}
                </Button>
                {org.closedOn && <Tag style={{ marginLeft: 8 }}>{endOf(org.closedOn, org.mergedInto)}</Tag>}
              </span>
            ),
          },
          {
            title: 'Loại',
            dataIndex: 'kind',
            responsive: ['sm'],
            render: (kind: OrganizationKind) => KIND_LABELS[kind] ?? kind,
          },
        ]}
      />
      {selectedOrg && !asOf && <OrganisationDrawer org={selectedOrg} all={all} onClose={() => setSelected(null)} />}
      {selectedOrg && asOf && (
        <Drawer open onClose={() => setSelected(null)} title={selectedOrg.name}>
          <ChangeHistory org={selectedOrg} names={new Map(all.map((o) => [o.id, o.name]))} />
        </Drawer>
      )}
      {adding && <NewOrganisation all={all} onClose={() => setAdding(false)} />}
    </Flex>
  );
}
