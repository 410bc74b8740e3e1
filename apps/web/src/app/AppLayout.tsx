import { Suspense, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { Button, Drawer, Grid, Layout, Menu, Space, Typography } from 'antd';
import { useSession } from '../auth/session';
import { Loading } from './Loading';
import { ROLE_LABELS } from './roles';
import { navigationFor } from './screens';

const { Header, Sider, Content } = Layout;

/** The screen whose path is the longest prefix of the location: `/ho-so/…` lights "Hồ sơ". */
function selectedPath(pathname: string, paths: string[]) {
  return paths
    .filter((path) => (path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(path + '/')))
    .sort((a, b) => b.length - a.length)[0];
}

function Navigation({ onNavigate }: { onNavigate?: () => void }) {
  const { user } = useSession();
  const { pathname } = useLocation();
  const entries = navigationFor(user?.roles ?? []);
  const selected = selectedPath(
    pathname,
    entries.map((entry) => entry.path),
  );
  return (
    <nav aria-label="Chức năng">
      <Menu
        mode="inline"
        selectedKeys={selected ? [selected] : []}
        onClick={onNavigate}
        items={entries.map((entry) => ({
          key: entry.path,
          label: <Link to={entry.path}>{entry.nav!.label}</Link>,
        }))}
      />
    </nav>
  );
}

function UserBox({ compact }: { compact: boolean }) {
  const { user, organisation, logout } = useSession();
  if (!user) return null;
  const roles = user.roles.map((role) => ROLE_LABELS[role]).join(', ');
  return (
    <Space size="middle" wrap={false} style={{ flexShrink: 0 }}>
      <div style={{ lineHeight: 1.3, minWidth: 0, textAlign: 'right' }}>
        <Typography.Text strong ellipsis style={{ display: 'block', color: 'inherit' }}>
          {user.username}
        </Typography.Text>
        {!compact && (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {roles}
            {organisation ? ` · ${organisation.name}` : ''}
          </Typography.Text>
        )}
      </div>
      <Button onClick={logout}>Đăng xuất</Button>
    </Space>
  );
}

/** Header with the user, the navigation at the side on a desktop and in a drawer on a phone, the page below. */
export default function AppLayout({ children }: { children: ReactNode }) {
  const screens = Grid.useBreakpoint();
  const desktop = screens.lg ?? true;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { user, organisation } = useSession();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          padding: desktop ? '0 24px' : '0 12px',
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
        }}
      >
        {!desktop && (
          <Button aria-label="Mở menu" onClick={() => setDrawerOpen(true)} size="large">
            ☰
          </Button>
        )}
        <Link
          to="/"
          style={{
            color: '#b71c1c',
            fontWeight: 600,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
          }}
        >
          Kết nạp đảng viên
        </Link>
        <div style={{ flex: 1, minWidth: 0 }} />
        <UserBox compact={!desktop} />
      </Header>
      <Layout>
        {desktop ? (
          <Sider width={220} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
            <Navigation />
          </Sider>
        ) : (
          <Drawer
            title={user ? `${user.username}${organisation ? ' · ' + organisation.name : ''}` : 'Menu'}
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={280}
          >
            {user && (
              <Typography.Paragraph type="secondary">
                {user.roles.map((role) => ROLE_LABELS[role]).join(', ')}
              </Typography.Paragraph>
            )}
            <Navigation onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        )}
        <Content style={{ padding: desktop ? 24 : 12, minWidth: 0 }}>
          {/* antd's Content is the page's <main> landmark already. */}
          <Suspense fallback={<Loading />}>{children}</Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
