import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** The page's main heading (h1), with what stands beside it (actions) wrapping below it on a phone. */
export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', marginBottom: 16 }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 26, flex: '1 1 auto', minWidth: 0 }}>
        {children}
      </Typography.Title>
      {extra}
    </div>
  );
}
