import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Flex, Form, Input, Select, Switch, Table, Tag, Typography } from 'antd';
import { api } from '../../api/client';
import type { Role } from '../../api/types';
import { ROLE_LABELS } from '../../app/roles';
import { useOrganisationOptions, organisationSearch } from '../../shared/organisation-options';
import type { ManagedUser } from './types';
import { TAG_COLORS, emptyText, usePhone } from '../../shared/layout';

const roleOptions = Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }));
const passwordRules = [
  { required: true, message: 'Nhập mật khẩu' },
  { min: 8, message: 'Mật khẩu cần ít nhất 8 ký tự' },
];

interface UserForm {
  username: string;
  password?: string;
  roles: Role[];
  scopeOrgId?: string | null;
  disabled?: boolean;
}

function UserDrawer({ user, onClose }: { user: ManagedUser | null; onClose: () => void }) {
  const phone = usePhone();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { options } = useOrganisationOptions();
  const creating = user === null;
  const save = useMutation({
    mutationFn: (values: UserForm) =>
      creating
        ? api('/users', {
            body: {
              username: values.username.trim(),
              password: values.password,
              roles: values.roles,
              scopeOrgId: values.scopeOrgId ?? null,
            },
          })
        : api(`/users/${user.id}`, {
            method: 'PATCH',
            body: {
              roles: values.roles,
              scopeOrgId: values.scopeOrgId ?? null,
              disabled: values.disabled ?? false,
              ...(values.password ? { password: values.password } : {}),
            },
          }),
    onSuccess: () => {
      message.success(creating ? 'Đã tạo người dùng' : 'Đã lưu; người dùng cần đăng nhập lại');
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
  });
  return (
    <Drawer
      open
      onClose={onClose}
      title={creating ? 'Thêm người dùng' : `Người dùng ${user.username}`}
      size={phone ? '100%' : 520}
    >
      <Form<UserForm>
        layout="vertical"
        name={creating ? 'new-user' : 'edit-user'}
        initialValues={user ?? { roles: [], scopeOrgId: null }}
        onFinish={(values) => save.mutate(values)}
      >
        {creating && (
          <Form.Item
            name="username"
            label="Tên đăng nhập"
            rules={[
              { required: true, message: 'Nhập tên đăng nhập' },
              { pattern: /^[a-zA-Z0-9._-]{3,64}$/, message: 'Từ 3 đến 64 ký tự: chữ không dấu, số, dấu chấm, gạch' },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item
          name="password"
          label={creating ? 'Mật khẩu' : 'Đặt lại mật khẩu'}
          rules={creating ? passwordRules : [passwordRules[1]]}
          extra={creating ? undefined : 'Để trống nếu không đổi mật khẩu'}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="roles" label="Vai trò" rules={[{ required: true, message: 'Chọn ít nhất một vai trò' }]}>
          <Select mode="multiple" options={roleOptions} />
        </Form.Item>
        <Form.Item name="scopeOrgId" label="Phạm vi (tổ chức)" extra="Để trống: toàn hệ thống (chỉ dành cho quản trị)">
          <Select allowClear showSearch={organisationSearch} options={options} />
        </Form.Item>
        {!creating && (
          <Form.Item name="disabled" label="Khóa tài khoản" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        {save.isError && <Alert type="error" showIcon title={save.error.message} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {creating ? 'Tạo người dùng' : 'Lưu'}
        </Button>
      </Form>
    </Drawer>
  );
}

/** Accounts in the admin's subtree: create, change roles and scope, disable, reset a password. */
export function UsersAdmin() {
  const [editing, setEditing] = useState<ManagedUser | null | undefined>(undefined);
  const { organisations } = useOrganisationOptions();
  const names = new Map(organisations.map((org) => [org.id, org.name]));
  const users = useQuery({ queryKey: ['users'], queryFn: () => api<ManagedUser[]>('/users') });
  const phone = usePhone();
  const scopeOf = (user: ManagedUser) =>
    user.scopeOrgId ? (
      (names.get(user.scopeOrgId) ?? '—')
    ) : (
      <Typography.Text type="secondary">Toàn hệ thống</Typography.Text>
    );
  return (
    <Flex vertical gap={12}>
      <Flex justify="end">
        <Button type="primary" onClick={() => setEditing(null)}>
          Thêm người dùng
        </Button>
      </Flex>
      {users.isError && <Alert type="error" showIcon title={users.error.message} />}
      <Table<ManagedUser>
        size="small"
        rowKey="id"
        loading={users.isLoading}
        dataSource={users.data}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={emptyText('Chưa có người dùng')}
        columns={[
          {
            title: 'Tên đăng nhập',
            key: 'username',
            render: (_, user) => (
              <Flex vertical gap={2}>
                <Button
                  type="link"
                  style={{ padding: 0, height: 'auto', textAlign: 'left' }}
                  onClick={() => setEditing(user)}
                >
                  {user.username}
                </Button>
                {user.disabled && (
                  <Tag color={TAG_COLORS.red} style={{ width: 'fit-content' }}>
                    Đã khóa
                  </Tag>
                )}
              </Flex>
            ),
          },
          {
            title: 'Vai trò',
            key: 'roles',
            // On a phone the scope has no column of its own: it goes under the roles.
            render: (_, user) => (
              <>
                {user.roles.map((role) => ROLE_LABELS[role]).join(', ')}
                {phone && <div>{scopeOf(user)}</div>}
              </>
            ),
          },
          {
            title: 'Phạm vi',
            key: 'scope',
            responsive: ['md'],
            render: (_, user) => scopeOf(user),
          },
        ]}
      />
      {editing !== undefined && <UserDrawer user={editing} onClose={() => setEditing(undefined)} />}
    </Flex>
  );
}
