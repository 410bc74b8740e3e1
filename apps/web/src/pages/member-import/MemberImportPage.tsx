import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Flex, Form, Progress, Radio, Table, Typography, Upload } from 'antd';
import { api, ApiRequestError, tokenStore } from '../../api/client';
import { formatNumber } from '../../format/numbers';
import { asRows, useOrganisationOptions } from '../../shared/organisation-options';
import type { ImportOutcome, ImportStatus, RejectedLine } from './types';
import { IMPORT_HEADER, IMPORT_TEMPLATE } from './template';

type Mode = 'perLine' | 'allOrNothing';
type Answer =
  | { kind: 'done'; outcome: ImportOutcome }
  | { kind: 'running'; importId: string }
  | { kind: 'refused'; rejected: RejectedLine[] };

/** The CSV goes as `text/csv`, not JSON: the one request the shared client does not make. */
async function sendCsv(text: string, mode: Mode): Promise<Answer> {
  const response = await fetch(`/api/members/import?mode=${mode}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Accept-Language': 'vi',
      Authorization: `Bearer ${tokenStore.get()}`,
    },
    body: text,
  });
  const body = await response
    .json()
    .catch(() => ({ code: `HTTP_${response.status}`, message: 'Máy chủ không trả lời được, xin thử lại sau.' }));
  if (response.status === 202) return { kind: 'running', importId: (body as ImportStatus).importId };
  if (response.ok) return { kind: 'done', outcome: body as ImportOutcome };
  if (response.status === 422 && body.code === 'IMPORT_REFUSED') return { kind: 'refused', rejected: body.rejected };
  throw new ApiRequestError(response.status, body);
}

function RejectedTable({ rejected }: { rejected: RejectedLine[] }) {
  if (rejected.length === 0) return null;
  return (
    <Table<RejectedLine>
      size="small"
      rowKey={(line) => `${line.line}-${line.message}`}
      dataSource={rejected}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      caption={<Typography.Text strong>Các dòng không nhập được ({formatNumber(rejected.length)})</Typography.Text>}
      columns={[
        { title: 'Dòng', dataIndex: 'line', width: 70, align: 'right' },
        { title: 'Lý do', dataIndex: 'message' },
      ]}
    />
  );
}

function Outcome({ imported, rejected, replayed }: { imported: number; rejected: RejectedLine[]; replayed?: boolean }) {
  return (
    <Flex vertical gap={12}>
      <Alert
        type={rejected.length ? 'warning' : 'success'}
        showIcon
        title={`Đã nhập ${formatNumber(imported)} đảng viên${rejected.length ? `, ${formatNumber(rejected.length)} dòng không nhập được` : ''}`}
        description={
          replayed
            ? 'Tệp này đã được nhập trước đây: đây là kết quả của lần nhập đó, không có gì được nhập thêm.'
            : undefined
        }
      />
      <RejectedTable rejected={rejected} />
    </Flex>
  );
}

/** A long file runs in the background: its progress is read every second until it ends. */
function RunningImport({ importId }: { importId: string }) {
  const status = useQuery({
    queryKey: ['member-import', importId],
    queryFn: () => api<ImportStatus>(`/members/imports/${importId}`),
    refetchInterval: (query) => (query.state.data && query.state.data.status !== 'running' ? false : 1000),
  });
  const data = status.data;
  if (status.isError) return <Alert type="error" showIcon title={status.error.message} />;
  if (!data || data.status === 'running')
    return (
      <Flex vertical gap={8}>
        <Typography.Text>
          Đang nhập {data ? `${formatNumber(data.processed)}/${formatNumber(data.total)} dòng` : '…'}
        </Typography.Text>
        <Progress
          percent={data && data.total ? Math.floor((data.processed * 100) / data.total) : 0}
          aria-label="Tiến độ nhập"
        />
      </Flex>
    );
  if (data.status === 'done') return <Outcome imported={data.imported} rejected={data.rejected} />;
  if (data.status === 'refused')
    return (
      <Flex vertical gap={12}>
        <Alert type="error" showIcon title="Tệp có dòng không hợp lệ nên không dòng nào được nhập" />
        <RejectedTable rejected={data.rejected} />
      </Flex>
    );
  return <Alert type="error" showIcon title="Lần nhập bị gián đoạn, không dòng nào được lưu. Hãy gửi lại tệp." />;
}

/** The `cellId` column names a cell: the cells in scope with their codes, to copy into the file. */
function CellCodes() {
  const { organisations } = useOrganisationOptions();
  const cells = organisations.filter((org) => org.kind === 'cell' || org.kind === 'grassrootsCell');
  return (
    <Collapse
      items={[
        {
          key: 'cells',
          label: `Mã chi bộ cho cột cellId (${formatNumber(cells.length)} chi bộ)`,
          children: (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={asRows(cells)}
              columns={[
                { title: 'Chi bộ', dataIndex: 'name' },
                {
                  title: 'Mã',
                  dataIndex: 'id',
                  render: (id: string) => (
                    <Typography.Text
                      code
                      copyable={{ tooltips: ['Sao chép', 'Đã sao chép'] }}
                      style={{ wordBreak: 'break-all' }}
                    >
                      {id}
                    </Typography.Text>
                  ),
                },
              ]}
            />
          ),
        },
      ]}
    />
  );
}

function downloadTemplate() {
  const url = URL.createObjectURL(new Blob(['\uFEFF' + IMPORT_TEMPLATE], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'mau-nhap-dang-vien.csv';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Nhập đảng viên cũ: past members from a CSV file, the refused lines shown with their line numbers. */
export default function MemberImportPage() {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [mode, setMode] = useState<Mode>('perLine');
  const send = useMutation({ mutationFn: () => sendCsv(file!.text, mode) });
  const answer = send.data;
  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        Nhập đảng viên cũ
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>
        Đảng viên đã kết nạp trước khi dùng hệ thống được nhập từ tệp CSV (UTF-8, dòng đầu là tên cột), để báo cáo tính
        cả các năm trước. Mỗi dòng hợp lệ trở thành một hồ sơ ở trạng thái dự bị hoặc chính thức.
      </Typography.Paragraph>
      <Card size="small">
        <Flex vertical gap={12}>
          <Typography.Text>
            Các cột:{' '}
            <Typography.Text code style={{ wordBreak: 'break-all' }}>
              {IMPORT_HEADER}
            </Typography.Text>
            . Ngày viết dạng YYYY-MM-DD; để trống <Typography.Text code>officialFrom</Typography.Text> nếu còn dự bị.
          </Typography.Text>
          <div>
            <Button onClick={downloadTemplate}>Tải tệp mẫu</Button>
          </div>
          <CellCodes />
        </Flex>
      </Card>
      <Form layout="vertical" component="div">
        <Form.Item label="Tệp CSV" required>
          <Upload
            accept=".csv,text/csv"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(chosen) => {
              void chosen.text().then((text) => {
                setFile({ name: chosen.name, text });
                send.reset();
              });
              return false;
            }}
          >
            <Button>Chọn tệp CSV</Button>
          </Upload>
          {file && (
            <Typography.Text style={{ display: 'block', marginTop: 8 }}>
              Đã chọn: <strong>{file.name}</strong>
            </Typography.Text>
          )}
        </Form.Item>
        <Form.Item label="Khi có dòng không hợp lệ">
          <Radio.Group value={mode} onChange={(event) => setMode(event.target.value)}>
            <Flex vertical gap={4}>
              <Radio value="perLine">Nhập các dòng hợp lệ, báo lại các dòng lỗi</Radio>
              <Radio value="allOrNothing">Không nhập dòng nào</Radio>
            </Flex>
          </Radio.Group>
        </Form.Item>
        <Button type="primary" disabled={!file} loading={send.isPending} onClick={() => send.mutate()}>
          Nhập
        </Button>
      </Form>
      {send.isError && <Alert type="error" showIcon title={send.error.message} />}
      {answer?.kind === 'done' && (
        <Outcome
          imported={answer.outcome.imported}
          rejected={answer.outcome.rejected}
          replayed={answer.outcome.replayed}
        />
      )}
      {answer?.kind === 'running' && <RunningImport importId={answer.importId} />}
      {answer?.kind === 'refused' && (
        <Flex vertical gap={12}>
          <Alert type="error" showIcon title="Tệp có dòng không hợp lệ nên không dòng nào được nhập" />
          <RejectedTable rejected={answer.rejected} />
        </Flex>
      )}
    </Flex>
  );
}
