import { DatePicker, Flex, Form, Select } from 'antd';
import { useOrganisationOptions, organisationSearch } from '../../shared/organisation-options';
import { TYPED_DATE_FORMATS, toDayjs } from '../../format/dates';
import { periodPresets, type ReportFilters } from './report-filters';

const fieldStyle = { marginBottom: 0, minWidth: 0 };

/** Organisation, period and tree of a report; the grouping only where the report has one. */
export function ReportFiltersBar({
  filters,
  onChange,
  grouping = false,
}: {
  filters: ReportFilters;
  onChange: (changes: Partial<ReportFilters>) => void;
  grouping?: boolean;
}) {
  const { options } = useOrganisationOptions();
  const orgId = filters.orgId ?? (options[0]?.value as string | undefined);
  const presets = periodPresets();
  const preset = presets.find((p) => p.from === filters.from && p.to === filters.to)?.value ?? 'custom';
  return (
    <Form layout="vertical" component="div">
      <Flex wrap gap={12} align="end">
        <Form.Item label="Tổ chức" htmlFor="report-org" style={{ ...fieldStyle, flex: '1 1 260px' }}>
          <Select
            id="report-org"
            showSearch={organisationSearch}
            options={options}
            value={orgId}
            onChange={(value: string) => onChange({ orgId: value })}
            loading={options.length === 0}
          />
        </Form.Item>
        <Form.Item label="Kỳ báo cáo" htmlFor="report-period" style={{ ...fieldStyle, flex: '1 1 170px' }}>
          <Select
            id="report-period"
            value={preset}
            onChange={(value: string) => {
              const chosen = presets.find((p) => p.value === value);
              if (chosen) onChange({ from: chosen.from, to: chosen.to });
            }}
            options={[
              ...presets.map(({ value, label }) => ({ value, label })),
              { value: 'custom', label: 'Tùy chọn', disabled: true },
            ]}
          />
        </Form.Item>
        <Form.Item label="Từ ngày" htmlFor="report-from" style={{ ...fieldStyle, flex: '1 1 150px' }}>
          <DatePicker
            id="report-from"
            format={TYPED_DATE_FORMATS}
            value={toDayjs(filters.from)}
            allowClear={false}
            onChange={(date) => date && onChange({ from: date.format('YYYY-MM-DD') })}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item label="Đến ngày" htmlFor="report-to" style={{ ...fieldStyle, flex: '1 1 150px' }}>
          <DatePicker
            id="report-to"
            format={TYPED_DATE_FORMATS}
            value={toDayjs(filters.to)}
            allowClear={false}
            onChange={(date) => date && onChange({ to: date.format('YYYY-MM-DD') })}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item label="Tính theo cây tổ chức" htmlFor="report-tree" style={{ ...fieldStyle, flex: '1 1 240px' }}>
          <Select
            id="report-tree"
            value={filters.tree}
            onChange={(tree) => onChange({ tree })}
            options={[
              { value: 'historical', label: 'Tại thời điểm phát sinh (lịch sử)' },
              { value: 'current', label: 'Hiện nay' },
            ]}
          />
        </Form.Item>
        {grouping && (
          <Form.Item label="Nhóm theo" htmlFor="report-grouping" style={{ ...fieldStyle, flex: '1 1 120px' }}>
            <Select
              id="report-grouping"
              value={filters.groupBy}
              onChange={(groupBy) => onChange({ groupBy })}
              options={[
                { value: 'year', label: 'Năm' },
                { value: 'halfYear', label: 'Sáu tháng' },
              ]}
            />
          </Form.Item>
        )}
      </Flex>
    </Form>
  );
}
