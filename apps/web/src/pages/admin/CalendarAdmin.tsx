import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { formatDate, TYPED_DATE_FORMATS } from '../../format/dates';
import type { CalendarOverride, CalendarYear, HolidaySource } from './types';
import { emptyText } from '../../shared/layout';

const OVERRIDE_LABELS = { dayOff: 'Ngày nghỉ', workingDay: 'Ngày làm bù' } as const;
const SOURCE_LABELS: Record<HolidaySource, string> = {
  library: 'Lịch nghỉ lễ theo luật',
  substitute: 'Nghỉ bù',
  builtIn: 'Theo quy định',
  override: 'Do quản trị ghi',
};

interface OverrideForm {
  date: Dayjs;
  kind: CalendarOverride['kind'];
  note: string;
}

/** The official days off and make-up working days that deadlines count with, year by year. */
export function CalendarAdmin() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [year, setYear] = useState(dayjs().year());
  const [form] = Form.useForm<OverrideForm>();
  const overrides = useQuery({
    queryKey: ['calendar', 'overrides'],
    queryFn: () => api<CalendarOverride[]>('/calendar'),
  });
  const holidays = useQuery({ queryKey: ['calendar', year], queryFn: () => api<CalendarYear>(`/calendar/${year}`) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['calendar'] });
  const put = useMutation({
    mutationFn: (values: OverrideForm) =>
      api(`/calendar/overrides/${values.date.format('YYYY-MM-DD')}`, {
        method: 'PUT',
        body: { kind: values.kind, note: values.note.trim() },
      }),
    onSuccess: () => {
      message.success('Đã ghi ngày vào lịch');
      form.resetFields();
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (date: string) => api(`/calendar/overrides/${date}`, { method: 'DELETE' }),
    onSuccess: refresh,
    onError: (error) => message.error(error.message),
  });
  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            Ghi ngày nghỉ hoặc ngày làm bù
          </Typography.Title>
        }
      >
        <Typography.Paragraph type="secondary">
          Theo thông báo nghỉ lễ, nghỉ bù hằng năm của Chính phủ. Thời hạn tính theo ngày làm việc sẽ tính lại theo lịch
          mới.
        </Typography.Paragraph>
        <Form<OverrideForm>
          form={form}
          layout="vertical"
          name="calendar-override"
          initialValues={{ kind: 'dayOff' }}
          onFinish={(values) => put.mutate(values)}
        >
          <Flex wrap gap={12} align="end">
            <Form.Item
              name="date"
              label="Ngày"
              rules={[{ required: true, message: 'Nhập ngày' }]}
              style={{ flex: '1 1 150px' }}
            >
              <DatePicker format={TYPED_DATE_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="kind" label="Loại" style={{ flex: '1 1 150px' }}>
              <Select options={Object.entries(OVERRIDE_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item
              name="note"
              label="Căn cứ, ghi chú"
              rules={[{ required: true, whitespace: true, message: 'Nhập căn cứ' }]}
              style={{ flex: '3 1 260px' }}
            >
              <Input maxLength={300} placeholder="Thông báo số … của Văn phòng Chính phủ" />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={put.isPending}>
                Ghi vào lịch
              </Button>
            </Form.Item>
          </Flex>
          {put.isError && <Alert type="error" showIcon title={put.error.message} />}
        </Form>
      </Card>
      <Table<CalendarOverride>
        size="small"
        rowKey="date"
        loading={overrides.isLoading}
        dataSource={overrides.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        caption={<Typography.Text strong>Các ngày quản trị đã ghi</Typography.Text>}
        locale={emptyText('Chưa ghi ngày nào')}
        columns={[
          { title: 'Ngày', dataIndex: 'date', width: 110, render: formatDate },
          {
            title: 'Loại',
            dataIndex: 'kind',
            width: 120,
            render: (kind: CalendarOverride['kind']) => OVERRIDE_LABELS[kind],
          },
          { title: 'Căn cứ', dataIndex: 'note', responsive: ['md'] },
          {
            title: 'Xóa',
            key: 'remove',
            width: 70,
            render: (_, row) => (
              <Popconfirm
                title={`Xóa ngày ${formatDate(row.date)} khỏi lịch?`}
                okText="Xóa"
                cancelText="Không"
                onConfirm={() => remove.mutate(row.date)}
              >
                <Button danger size="small" aria-label={`Xóa ngày ${formatDate(row.date)}`}>
                  Xóa
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Flex vertical gap={8}>
        <Form layout="inline" component="div">
          <Form.Item label="Các ngày nghỉ trong năm" htmlFor="calendar-year">
            <InputNumber
              id="calendar-year"
              min={1930}
              max={2200}
              value={year}
              onChange={(next) => next && setYear(next)}
            />
          </Form.Item>
        </Form>
        <Table
          size="small"
          rowKey="date"
          loading={holidays.isLoading}
          dataSource={holidays.data?.holidays}
          pagination={false}
          columns={[
            { title: 'Ngày', dataIndex: 'date', width: 110, render: formatDate },
            { title: 'Ngày nghỉ', dataIndex: 'name' },
            {
              title: 'Nguồn',
              dataIndex: 'source',
              width: 150,
              responsive: ['sm'],
              render: (source: HolidaySource) => <Tag>{SOURCE_LABELS[source]}</Tag>,
            },
          ]}
        />
      </Flex>
    </Flex>
  );
}
