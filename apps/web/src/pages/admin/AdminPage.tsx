import { Flex, Form, Select, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useSession } from '../../auth/session';
import { usePhone } from '../../shared/layout';
import { CalendarAdmin } from './CalendarAdmin';
import { OrganisationsAdmin } from './OrganisationsAdmin';
import { PoliciesAdmin } from './PoliciesAdmin';
import { QueueDashboardLink } from './QueueDashboardLink';
import { UsersAdmin } from './UsersAdmin';

/** Quản trị: the organisation tree over time, users, the calendar, the policy versions, the queue dashboard. */
export default function AdminPage() {
  const { user } = useSession();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  // The calendar, the policies and the queues serve every organisation: only an admin of everything changes them.
  const everything = user?.scopeOrgId === null;
  const items = [
    { key: 'to-chuc', label: 'Tổ chức', children: <OrganisationsAdmin /> },
    { key: 'nguoi-dung', label: 'Người dùng', children: <UsersAdmin /> },
    ...(everything ? [{ key: 'lich', label: 'Lịch nghỉ lễ', children: <CalendarAdmin /> }] : []),
    { key: 'quy-dinh', label: 'Quy định', children: <PoliciesAdmin canPublish={everything} /> },
    ...(everything ? [{ key: 'hang-doi', label: 'Hàng đợi', children: <QueueDashboardLink /> }] : []),
  ];
  const select = (key: string) => setParams({ tab: key }, { replace: true });
  const tab = items.some((item) => item.key === params.get('tab')) ? params.get('tab')! : 'to-chuc';
  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        Quản trị
      </Typography.Title>
      {/*
        One Tabs at both sizes, so that a section keeps its state (an open drawer, a half-filled form) when the width
        crosses the phone breakpoint, as when a phone is turned. Five tabs do not fit a phone, and antd's overflow menu
        breaks the tab list's ARIA structure: there a picker stands in for the tab bar.
      */}
      <Tabs
        activeKey={tab}
        destroyOnHidden
        onChange={select}
        items={items}
        renderTabBar={
          phone
            ? () => (
                <Form layout="vertical" component="div" style={{ marginBottom: 16 }}>
                  <Form.Item label="Mục quản trị" htmlFor="admin-section" style={{ marginBottom: 0 }}>
                    <Select
                      id="admin-section"
                      value={tab}
                      onChange={select}
                      options={items.map(({ key, label }) => ({ value: key, label }))}
                    />
                  </Form.Item>
                </Form>
              )
            : undefined
        }
      />
    </Flex>
  );
}
