import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiRequestError, tokenStore } from '../api/client';
import { organisationsQuery } from '../api/queries';
import { SessionProvider, useSession } from '../auth/session';
import { Loading } from './Loading';
import { preloadScreen, SCREENS } from './screens';
import '../format/dates';

// The login page, the frame and each screen are chunks of their own: the first visit loads only what it shows.
const LoginPage = lazy(() => import('../pages/login/LoginPage'));
const loadAppLayout = () => import('./AppLayout');
const AppLayout = lazy(loadAppLayout);
const NotFound = lazy(() => import('./NotFound'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: true,
      // A refusal (4xx) will not change by asking again.
      retry: (count, error) => !(error instanceof ApiRequestError && error.status < 500) && count < 2,
    },
  },
});

/** A page load with a session kept from an earlier visit: the frame, the screen and its data are fetched at once. */
export function preloadSession() {
  if (!tokenStore.get()) return;
  preloadScreen(queryClient, window.location.pathname, window.location.search);
  void queryClient.prefetchQuery(organisationsQuery());
  void loadAppLayout();
}

/** Colours with AA contrast on white and on the grey background (antd's secondary text is lighter than 4.5:1). */
const theme = {
  token: {
    colorPrimary: '#b71c1c',
    colorLink: '#b71c1c',
    // Hovered links and buttons darken rather than lighten: the lighter red fails contrast AA.
    colorLinkHover: '#8e1515',
    colorPrimaryHover: '#8e1515',
    // antd's error red (#ff4d4f) as text on white fails contrast AA: danger buttons, validation messages.
    colorError: '#b3261e',
    colorSuccess: '#2e7d32',
    colorTextSecondary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    borderRadius: 6,
  },
};

function Screens() {
  const { user } = useSession();
  if (!user) return <LoginPage />;
  return (
    <AppLayout>
      <Routes>
        {SCREENS.map(({ path, page: Page }) => (
          <Route key={path} path={path} element={<Page />} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Routes>
    </AppLayout>
  );
}

export function App() {
  return (
    <ConfigProvider locale={viVN} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <SessionProvider>
              <Suspense fallback={<Loading fullPage />}>
                <Screens />
              </Suspense>
            </SessionProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
