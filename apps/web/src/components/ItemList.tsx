import type { ReactNode } from 'react';
import { Empty, theme } from 'antd';
import { Loading } from '../app/Loading';

export interface ItemListProps<T> {
  items: T[] | undefined;
  itemKey: (item: T) => string;
  /** What the list says when it has nothing. */
  emptyText: string;
  loading?: boolean;
  renderItem: (item: T) => ReactNode;
  /** Buttons at the end of an item (wrapped under it on a narrow screen). */
  actions?: (item: T) => ReactNode;
}

/**
 * A plain list (`ul`, read as a list by screen readers) of items separated by a line: what antd's `List`, deprecated
 * in antd 6, showed here.
 */
export function ItemList<T>({ items, itemKey, emptyText, loading, renderItem, actions }: ItemListProps<T>) {
  const { token } = theme.useToken();
  if (loading) return <Loading />;
  if (!items?.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((item, index) => (
        <li
          key={itemKey(item)}
          style={{
            display: 'flex',
            flexWrap: 'wrap',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
            padding: '12px 0',
            borderBlockEnd: index < items.length - 1 ? `1px solid ${token.colorSplit}` : undefined,
          }}
        >
          <div style={{ flex: '1 1 240px', minWidth: 0 }}>{renderItem(item)}</div>
          {actions?.(item)}
        </li>
      ))}
    </ul>
  );
}
