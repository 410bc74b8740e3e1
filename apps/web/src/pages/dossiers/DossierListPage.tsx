import { useEffect, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Checkbox, Grid, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useOrganisations, useWorkflow } from '../../api/queries';
import type { DossierView } from '../../api/types';
import { flattenOrganisations, useSession } from '../../auth/session';
import { DeadlineText } from '../../components/DeadlineText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../format/dates';
import { formatNumber } from '../../format/numbers';
import { dossierListQuery, listFilters, PAGE_SIZE } from './dossier-list-query';
import { nextDeadline } from './next-deadline';
import { ORGANIZATION_KIND_LABELS, type OrganizationKind } from '@workflows/common/organization-kinds';

/** A filter with its visible label above it. */
function Labelled({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} style={{ display: 'block', marginBottom: 4 }}>
        {label}
      </label>
      {children}
    </div>
  );
}

interface FilterSelectProps {
  id: string;
  label: string;
  placeholder: string;
  value?: string;
  onChange: (value?: string) => void;
  options: { value: string; label: string; title?: string }[];
}

/** A choice among values, searchable by its label, cleared to mean "all". */
function FilterSelect({ id, label, placeholder, value, onChange, options }: FilterSelectProps) {
  return (
    <Labelled id={id} label={label}>
      <Select
        id={id}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={placeholder}
        style={{ width: '100%' }}
        value={value}
        onChange={onChange}
        options={options}
      />
    </Labelled>
  );
}

/** The filters live in the address, so that "back" and a shared link keep them. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes))
      if (value) next.set(key, value);
      else next.delete(key);
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  return { ...listFilters(params), set };
}

/** Hồ sơ: every dossier in the user's scope, a page at a time from the server, filtered and searched there. */
export default function DossierListPage() {
  const filters = useFilters();
  const desktop = Grid.useBreakpoint().md ?? true;
  const { user } = useSession();
  const workflow = useWorkflow();
  const organisations = useOrganisations();
  const [search, setSearch] = useState(filters.q);
  // On a phone the filters would fill the first screen before any dossier: they wait behind a button there.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = [filters.state, filters.orgId, filters.year, filters.overdue].filter(Boolean).length;

  // The search is sent once typing pauses; the server ignores diacritics and case.
  useEffect(() => {
    const timer = setTimeout(() => search !== filters.q && filters.set({ q: search.trim() || undefined }), 300);
    return () => clearTimeout(timer);
  }, [search]);

  const list = useQuery({ ...dossierListQuery(filters), placeholderData: keepPreviousData });

  const orgs = flattenOrganisations(organisations.data ?? []);
  const orgName = new Map(orgs.map((org) => [org.id, org.name]));
  const states = (workflow.data?.states ?? []).filter((state) => !state.name.includes('.'));
  const canCreate = !!user && !!workflow.data?.creation.roles.some((role) => user.roles.includes(role));
  const thisYear = new Date().getFullYear();

  const dueText = (row: DossierView) => {
    const due = nextDeadline(row);
    return due ? <DeadlineText dueOn={due.dueOn} workingDaysLeft={due.workingDaysLeft} /> : '—';
  };
  const nameLink = (row: DossierView) => <Link to={`/ho-so/${row.id}`}>{row.candidate.fullName}</Link>;
  const stateTag = (row: DossierView) => <Tag style={{ whiteSpace: 'normal' }}>{row.stateLabel}</Tag>;
  const desktopColumns: ColumnsType<DossierView> = [
    { title: 'Họ và tên', key: 'name', render: (_value, row) => nameLink(row) },
    { title: 'Chi bộ', key: 'cell', render: (_value, row) => orgName.get(row.cellId) ?? '' },
    { title: 'Trạng thái', key: 'state', render: (_value, row) => stateTag(row) },
    { title: 'Hạn tiếp theo', key: 'due', render: (_value, row) => dueText(row) },
    { title: 'Cập nhật', key: 'updated', render: (_value, row) => formatDateTime(row.updatedAt) },
  ];
  // On a phone each dossier is one row of stacked lines: nothing to scroll sideways.
  const phoneColumns: ColumnsType<DossierView> = [
    {
      title: 'Hồ sơ',
      key: 'dossier',
      render: (_value, row) => (
        <Space orientation="vertical" size={4}>
          {nameLink(row)}
          <span style={{ fontSize: 12 }}>{orgName.get(row.cellId)}</span>
          {stateTag(row)}
          {nextDeadline(row) && <span>Hạn tiếp theo: {dueText(row)}</span>}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          canCreate && (
            <Link to="/ho-so/tao-moi">
              <Button type="primary" size="large" tabIndex={-1}>
                Tạo hồ sơ
              </Button>
            </Link>
          )
        }
      >
        Hồ sơ
      </PageTitle>
      <div
        role="search"
        style={{
          display: 'grid',
          gap: 12,
          gridTemplateColumns: desktop ? 'repeat(auto-fit, minmax(200px, 1fr))' : '1fr',
          marginBottom: 16,
        }}
      >
        <Labelled id="dossier-search" label="Tìm kiếm">
          <Input
            id="dossier-search"
            type="search"
            allowClear
            placeholder="Họ tên (có dấu hay không) hoặc số định danh"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </Labelled>
        {!desktop && (
          <Button
            aria-expanded={filtersOpen}
            aria-controls="dossier-filters"
            onClick={() => setFiltersOpen(!filtersOpen)}
          >
            {activeFilters ? `Bộ lọc (${activeFilters})` : 'Bộ lọc'}
          </Button>
        )}
        {/* 'contents': the filters sit in the search's grid, a column each on a desktop. */}
        <div id="dossier-filters" style={{ display: desktop || filtersOpen ? 'contents' : 'none' }}>
          <FilterSelect
            id="dossier-state"
            label="Trạng thái"
            placeholder="Mọi trạng thái"
            value={filters.state}
            onChange={(state) => filters.set({ state })}
            options={states.map((state) => ({ value: state.name, label: state.label }))}
          />
          <FilterSelect
            id="dossier-org"
            label="Tổ chức đảng"
            placeholder="Mọi tổ chức"
            value={filters.orgId}
            onChange={(orgId) => filters.set({ orgId })}
            options={orgs.map((org) => ({
              value: org.id,
              label: `${'\u00a0\u00a0'.repeat(org.depth)}${org.name}`,
              title: `${ORGANIZATION_KIND_LABELS[org.kind as OrganizationKind] ?? org.kind}: ${org.name}`,
            }))}
          />
          <FilterSelect
            id="dossier-year"
            label="Năm lập hồ sơ"
            placeholder="Mọi năm"
            value={filters.year}
            onChange={(year) => filters.set({ year })}
            options={Array.from({ length: 12 }, (_, index) => String(thisYear - index)).map((year) => ({
              value: year,
              label: year,
            }))}
          />
          <div style={{ alignSelf: 'end', paddingBottom: 6 }}>
            <Checkbox
              checked={filters.overdue}
              onChange={(event) => filters.set({ overdue: event.target.checked ? 'true' : undefined })}
            >
              Chỉ hồ sơ quá hạn
            </Checkbox>
          </div>
        </div>
      </div>

      <ErrorAlert error={list.error} />
      <Typography.Paragraph type="secondary" aria-live="polite">
        {list.data ? `${formatNumber(list.data.total)} hồ sơ` : ' '}
      </Typography.Paragraph>
      <Table<DossierView>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        size={desktop ? 'middle' : 'small'}
        locale={{ emptyText: 'Không có hồ sơ nào khớp với bộ lọc' }}
        pagination={{
          current: filters.page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          simple: !desktop,
          onChange: (page) => filters.set({ page: String(page) }),
        }}
        columns={desktop ? desktopColumns : phoneColumns}
      />
    </>
  );
}
