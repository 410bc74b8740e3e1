import { lazy, Suspense, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Flex, Row, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import { api, download, withQuery } from '../../api/client';
import { useSession } from '../../auth/session';
import { formatNumber, formatPercent } from '../../format/numbers';
import { reportQuery, type ReportFilters } from './report-filters';
import type { AdmissionsReport as Report, PeriodRow, Share } from './types';
import { QuotasDrawer } from './QuotasDrawer';
import { emptyText } from '../../shared/layout';

const AgainstQuotaChart = lazy(() => import('./AdmissionsCharts').then((m) => ({ default: m.AgainstQuotaChart })));
const ShareChart = lazy(() => import('./AdmissionsCharts').then((m) => ({ default: m.ShareChart })));

const BREAKDOWNS: { key: keyof Report; title: string }[] = [
  { key: 'byEducation', title: 'Trình độ chuyên môn' },
  { key: 'byGender', title: 'Giới tính' },
  { key: 'byAgeBand', title: 'Độ tuổi khi kết nạp' },
  { key: 'byOccupation', title: 'Nghề nghiệp' },
  { key: 'byEthnicity', title: 'Dân tộc' },
  { key: 'byReligion', title: 'Tôn giáo' },
  { key: 'byGeneralEducation', title: 'Trình độ giáo dục phổ thông' },
  { key: 'byYouthUnion', title: 'Đoàn viên Đoàn TNCS Hồ Chí Minh' },
];

const percentOrDash = (value: number | null) => (value === null ? '—' : formatPercent(value));
const numberOrDash = (value: number | null) => (value === null ? '—' : formatNumber(value));
const periodName = (row: PeriodRow) =>
  row.half ? `${row.half === 1 ? '6 tháng đầu' : '6 tháng cuối'} năm ${row.year}` : `Năm ${row.year}`;

const chartFallback = <Skeleton.Node active style={{ width: '100%', height: 200 }} />;

function BreakdownCard({ title, shares }: { title: string; shares: Share[] }) {
  return (
    <Card
      title={
        <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
          {title}
        </Typography.Title>
      }
      size="small"
    >
      {shares.length === 0 ? (
        <Typography.Text type="secondary">Không có người được kết nạp trong kỳ.</Typography.Text>
      ) : (
        <>
          <Suspense fallback={chartFallback}>
            <div aria-hidden="true">
              <ShareChart shares={shares} />
            </div>
          </Suspense>
          <Table<Share>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={shares}
            columns={[
              { title, dataIndex: 'label' },
              { title: 'Số người', dataIndex: 'count', align: 'right', render: formatNumber },
              {
                title: 'Tỷ lệ',
                dataIndex: 'share',
                align: 'right',
                render: (share: number) => formatPercent(share * 100),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** Admissions against the quota, with their breakdowns, exports and (for specialists) the quotas themselves. */
export function AdmissionsReport({ filters }: { filters: ReportFilters & { orgId: string } }) {
  const { hasRole } = useSession();
  const { message } = App.useApp();
  const [quotasOpen, setQuotasOpen] = useState(false);
  const [exporting, setExporting] = useState<string | null>(null);
  const query = { ...reportQuery(filters), groupBy: filters.groupBy };
  const report = useQuery({
    queryKey: ['reports', 'admissions', query],
    queryFn: () => api<Report>('/reports/admissions', { query }),
  });

  const exportAs = async (format: 'csv' | 'xlsx') => {
    setExporting(format);
    try {
      await download(
        withQuery('/reports/admissions', { ...query, format }),
        `bao-cao-ket-nap-${filters.from}-${filters.to}.${format}`,
      );
    } catch (error) {
      message.error(error instanceof Error ? error.message : 'Không tải được tệp');
    } finally {
      setExporting(null);
    }
  };

  if (report.isError)
    return <Alert type="error" showIcon title="Không lập được báo cáo" description={report.error.message} />;
  const data = report.data;
  return (
    <Flex vertical gap={16}>
      <Flex wrap gap={8} justify="space-between" align="center">
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          Kết nạp đảng viên so với chỉ tiêu{data ? ` — ${data.organization.name}` : ''}
        </Typography.Title>
        <Space wrap>
          <Button onClick={() => exportAs('csv')} loading={exporting === 'csv'}>
            Tải CSV
          </Button>
          <Button onClick={() => exportAs('xlsx')} loading={exporting === 'xlsx'}>
            Tải Excel (XLSX)
          </Button>
          {hasRole('specialist', 'admin') && <Button onClick={() => setQuotasOpen(true)}>Chỉ tiêu kết nạp</Button>}
        </Space>
      </Flex>
      {!data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="Đã kết nạp" value={data.totals.admitted} formatter={(v) => formatNumber(Number(v))} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="Chỉ tiêu" value={numberOrDash(data.totals.target)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="Đạt so với chỉ tiêu" value={percentOrDash(data.totals.percentOfTarget)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title="Tổ chức cơ sở đảng có kết nạp"
                  value={`${formatNumber(data.grassroots.withAdmission)}/${formatNumber(data.grassroots.total)}`}
                />
              </Card>
            </Col>
          </Row>
          <Card
            size="small"
            title={
              <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
                Theo {filters.groupBy === 'halfYear' ? 'sáu tháng' : 'năm'}, so với chỉ tiêu
              </Typography.Title>
            }
          >
            <Suspense fallback={chartFallback}>
              <div aria-hidden="true">
                <AgainstQuotaChart rows={data.years} />
              </div>
            </Suspense>
            <Table<PeriodRow>
              size="small"
              rowKey={(row) => `${row.year}-${row.half ?? 0}`}
              pagination={false}
              dataSource={data.years}
              columns={[
                { title: 'Kỳ', key: 'period', render: (_, row) => periodName(row) },
                { title: 'Chỉ tiêu', dataIndex: 'target', align: 'right', render: numberOrDash },
                { title: 'Đã kết nạp', dataIndex: 'admitted', align: 'right', render: formatNumber },
                { title: 'Đạt', dataIndex: 'percentOfTarget', align: 'right', render: percentOrDash },
              ]}
            />
          </Card>
          <Row gutter={[16, 16]}>
            {BREAKDOWNS.map(({ key, title }) => (
              <Col xs={24} lg={12} key={key}>
                <BreakdownCard title={title} shares={data[key] as Share[]} />
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card
                size="small"
                title={
                  <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
                    Kết quả dự bị kết thúc trong kỳ
                  </Typography.Title>
                }
              >
                <Table
                  size="small"
                  rowKey="label"
                  pagination={false}
                  showHeader={false}
                  dataSource={[
                    {
                      label: 'Công nhận đảng viên chính thức đúng hạn',
                      count: data.probationOutcomes.recognisedOnTime,
                    },
                    { label: 'Công nhận chính thức chậm', count: data.probationOutcomes.recognisedLate },
                    { label: 'Xóa tên trong danh sách đảng viên dự bị', count: data.probationOutcomes.removed },
                  ]}
                  columns={[
                    { title: 'Kết quả', dataIndex: 'label' },
                    { title: 'Số người', dataIndex: 'count', align: 'right', render: formatNumber },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card
                size="small"
                title={
                  <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
                    Lớp bồi dưỡng kết thúc trong kỳ
                  </Typography.Title>
                }
              >
                <Table
                  size="small"
                  rowKey={(row) => `${row.kind}-${row.year}`}
                  pagination={false}
                  dataSource={data.classes}
                  locale={emptyText('Không có lớp nào kết thúc trong kỳ')}
                  columns={[
                    { title: 'Loại lớp', dataIndex: 'label' },
                    { title: 'Năm', dataIndex: 'year' },
                    { title: 'Số lớp', dataIndex: 'classes', align: 'right', render: formatNumber },
                    { title: 'Học viên', dataIndex: 'participants', align: 'right', render: formatNumber },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
      {quotasOpen && <QuotasDrawer orgId={filters.orgId} onClose={() => setQuotasOpen(false)} />}
    </Flex>
  );
}
