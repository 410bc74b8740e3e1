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

/** Who is logged in: the name, then the roles in Vietnamese and the organisation, wrapped rather than cut. */
function UserSummary({ align }: { align: 'left' | 'right' }) {
  const { user, organisation } = useSession();
  if (!user) return null;
  const roles = user.roles.map((role) => ROLE_LABELS[role]).join(', ');
  return (
    <div style={{ lineHeight: 1.3, minWidth: 0, textAlign: align, overflowWrap: 'anywhere' }}>
      <Typography.Text strong style={{ display: 'block', color: 'inherit' }}>
        {user.username}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {roles}
        {organisation ? ` · ${organisation.name}` : ''}
      </Typography.Text>
    </div>
  );
}

function LogoutButton() {
  const { user, logout } = useSession();
  return user ? (
    <Button onClick={logout} style={{ flexShrink: 0 }}>
      Đăng xuất
    </Button>
  ) : null;
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
          flexWrap: desktop ? 'nowrap' : 'wrap',
          alignItems: 'center',
          gap: desktop ? 12 : '4px 12px',
          // On a phone the user's roles and organisation take a line of their own under the buttons.
          height: desktop ? 64 : 'auto',
          lineHeight: desktop ? '64px' : 'normal',
          padding: desktop ? '0 24px' : '8px 12px',
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
        {desktop ? (
          <Space size="middle" wrap={false} style={{ minWidth: 0, maxWidth: '60%' }}>
            <UserSummary align="right" />
            <LogoutButton />
          </Space>
        ) : (
          <>
            <LogoutButton />
            <div style={{ flexBasis: '100%', minWidth: 0 }}>
              <UserSummary align="left" />
            </div>
          </>
        )}
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
