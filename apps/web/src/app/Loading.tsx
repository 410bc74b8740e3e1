import { Spin } from 'antd';

/** What shows while a screen's code or data arrives: a spinner announced to screen readers. */
export function Loading({ fullPage = false }: { fullPage?: boolean }) {
  return (
    <div
      role="status"
      style={{
        display: 'flex',
        gap: 8,
        alignItems: 'center',
        marginTop: fullPage ? '30vh' : 24,
        justifyContent: 'center',
      }}
    >
      <Spin />
      <span>Đang tải…</span>
    </div>
  );
}
