import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Flex, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { api, download, withQuery } from '../../api/client';
import { formatDate } from '../../format/dates';
import { formatNumber } from '../../format/numbers';
import { reportQuery, type ReportFilters } from './report-filters';
import type { ComplianceItem, ComplianceReport as Report, ComplianceRow } from './types';
import { TAG_COLORS, emptyText, usePhone } from '../../shared/layout';

type Row = ComplianceRow & { depth: number };
type DrillDown = { org: ComplianceRow; late: boolean };

/** The organisations in tree order, each with its depth under the report's organisation. */
function inTreeOrder(rows: ComplianceRow[]): Row[] {
  const ids = new Set(rows.map((row) => row.id));
  const children = new Map<string | null, ComplianceRow[]>();
  for (const row of rows) {
    const parent = row.parentId && ids.has(row.parentId) ? row.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  const walk = (parent: string | null, depth: number): Row[] =>
    (children.get(parent) ?? []).flatMap((row) => [{ ...row, depth }, ...walk(row.id, depth + 1)]);
  return walk(null, 0);
}

function CountButton({ row, late, onOpen }: { row: ComplianceRow; late: boolean; onOpen: (d: DrillDown) => void }) {
  const count = (late ? row.completedLate : row.overdueNow).count;
  if (count === 0) return <span aria-label={`0 — ${row.name}`}>0</span>;
  const what = late ? 'bước làm trễ hạn' : 'bước đang quá hạn';
  return (
    <Button
      type="link"
      onClick={() => onOpen({ org: row, late })}
      aria-label={`${formatNumber(count)} ${what} — ${row.name}`}
    >
      {formatNumber(count)}
    </Button>
  );
}

function DrillDownList({ items, late }: { items: ComplianceItem[]; late: boolean }) {
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((item) => (
        <li
          key={`${item.dossierId}-${item.kind}-${item.dueOn}`}
          style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0' }}
        >
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <Link to={`/ho-so/${item.dossierId}`} style={{ fontWeight: 600 }}>
              {item.fullName}
            </Link>
            <Typography.Text>{item.label}</Typography.Text>
            <Space size={4} wrap>
              <Tag>Hạn {formatDate(item.dueOn)}</Tag>
              {late ? (
                <Tag color={TAG_COLORS.orange}>Làm ngày {formatDate(item.closedOn)}</Tag>
              ) : (
                <Tag color={TAG_COLORS.red}>Chưa làm</Tag>
              )}
            </Space>
          </Flex>
        </li>
      ))}
    </ul>
  );
}

/** Steps done late in the period and steps overdue today, per organisation, each number opening its dossiers. */
export function ComplianceReport({ filters }: { filters: ReportFilters & { orgId: string } }) {
  const { message } = App.useApp();
  const phone = usePhone();
  const [drill, setDrill] = useState<DrillDown | null>(null);
  const query = reportQuery(filters);
  const report = useQuery({
    queryKey: ['reports', 'compliance', query],
    queryFn: () => api<Report>('/reports/compliance', { query }),
  });
  const rows = useMemo(() => inTreeOrder(report.data?.organizations ?? []), [report.data]);

  const exportAs = (format: 'csv' | 'xlsx') =>
    download(
      withQuery('/reports/compliance', { ...query, format }),
      `kiem-tra-thoi-han-${filters.from}-${filters.to}.${format}`,
    ).catch((error: Error) => message.error(error.message));

  if (report.isError)
    return <Alert type="error" showIcon title="Không lập được báo cáo" description={report.error.message} />;
  const drillItems = drill ? (drill.late ? drill.org.completedLate : drill.org.overdueNow).items : [];
  return (
    <Flex vertical gap={16}>
      <Flex wrap gap={8} justify="space-between" align="center">
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          Kiểm tra việc thực hiện thời hạn
        </Typography.Title>
        <Space wrap>
          <Button onClick={() => exportAs('csv')}>Tải CSV</Button>
          <Button onClick={() => exportAs('xlsx')}>Tải Excel (XLSX)</Button>
        </Space>
      </Flex>
      {report.data && (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          Bước làm trễ hạn: hoàn thành sau hạn trong kỳ {formatDate(report.data.period.from)} –{' '}
          {formatDate(report.data.period.to)}. Đang quá hạn: chưa làm, tính đến ngày {formatDate(report.data.asOf)}. Số
          của mỗi tổ chức gồm cả các tổ chức trực thuộc; bấm vào một số để xem các hồ sơ.
        </Typography.Paragraph>
      )}
      {!report.data ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Table<Row>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={rows}
          locale={emptyText('Không có tổ chức nào trong phạm vi')}
          columns={[
            {
              title: 'Tổ chức',
              key: 'name',
              render: (_, row) => (
                <span style={{ paddingLeft: Math.min(row.depth, phone ? 3 : 8) * 12, display: 'inline-block' }}>
                  {row.name}
                </span>
              ),
            },
            {
              title: 'Làm trễ hạn',
              key: 'late',
              align: 'right',
              width: phone ? 72 : 140,
              render: (_, row) => <CountButton row={row} late onOpen={setDrill} />,
            },
            {
              title: 'Đang quá hạn',
              key: 'overdue',
              align: 'right',
              width: phone ? 72 : 140,
              render: (_, row) => <CountButton row={row} late={false} onOpen={setDrill} />,
            },
          ]}
        />
      )}
      <Drawer
        open={drill !== null}
        onClose={() => setDrill(null)}
        size={phone ? '100%' : 560}
        title={drill ? `${drill.late ? 'Bước làm trễ hạn' : 'Bước đang quá hạn'} — ${drill.org.name}` : ''}
      >
        {drill && <DrillDownList items={drillItems} late={drill.late} />}
      </Drawer>
    </Flex>
  );
}
