import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Flex, Form, InputNumber, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import type { OrganizationNode } from '../../api/types';
import { findOrganisation, flattenOrganisations } from '../../auth/session';
import { formatNumber } from '../../format/numbers';
import { asRows, useOrganisationOptions } from '../../shared/organisation-options';
import type { QuotaRow } from './types';
import { emptyText, usePhone } from '../../shared/layout';

/** The levels that a congress resolution gives an admission target to. */
const TARGETED_KINDS = ['committee', 'grassroots', 'grassrootsCell'];

function QuotaInput({
  org,
  year,
  current,
}: {
  org: Pick<OrganizationNode, 'id' | 'name'>;
  year: number;
  current: number | undefined;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [value, setValue] = useState<number | null>(current ?? null);
  const save = useMutation({
    mutationFn: (target: number) => api(`/quotas/${org.id}/${year}`, { method: 'PUT', body: { target } }),
    onSuccess: () => {
      message.success(`Đã lưu chỉ tiêu năm ${year} của ${org.name}`);
      void queryClient.invalidateQueries({ queryKey: ['quotas'] });
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
    },
    onError: (error) => message.error(error.message),
  });
  return (
    <Flex gap={8}>
      <InputNumber
        aria-label={`Chỉ tiêu năm ${year} của ${org.name}`}
        min={0}
        max={1_000_000}
        precision={0}
        value={value}
        onChange={(next) => setValue(next)}
        style={{ width: 110 }}
      />
      <Button
        onClick={() => value !== null && save.mutate(value)}
        loading={save.isPending}
        disabled={value === null || value === current}
        aria-label={`Lưu chỉ tiêu của ${org.name}`}
      >
        Lưu
      </Button>
    </Flex>
  );
}

/** The admission targets of the organisation and the levels below it, year by year (chỉ tiêu theo nghị quyết). */
export function QuotasDrawer({ orgId, onClose }: { orgId: string; onClose: () => void }) {
  const phone = usePhone();
  const [year, setYear] = useState(dayjs().year());
  const { organisations } = useOrganisationOptions();
  const root = findOrganisation(organisations, orgId);
  const targeted = flattenOrganisations(root ? [root] : []).filter((org) => TARGETED_KINDS.includes(org.kind));
  const quotas = useQuery({
    queryKey: ['quotas', orgId],
    queryFn: () => api<QuotaRow[]>('/quotas', { query: { orgId } }),
  });
  const targetOf = (id: string) => quotas.data?.find((quota) => quota.orgId === id && quota.year === year)?.target;
  return (
    <Drawer
      open
      onClose={onClose}
      title="Chỉ tiêu kết nạp"
      size={phone ? '100%' : 640}
      closeIcon={<span aria-label="Đóng">✕</span>}
    >
      <Typography.Paragraph type="secondary">
        Chỉ tiêu theo nghị quyết đại hội của từng cấp. Cấp trên không nhập chỉ tiêu riêng thì báo cáo cộng chỉ tiêu của
        các cấp dưới.
      </Typography.Paragraph>
      <Form layout="vertical" component="div">
        <Form.Item label="Năm" htmlFor="quota-year">
          <InputNumber id="quota-year" min={1930} max={2200} value={year} onChange={(next) => next && setYear(next)} />
        </Form.Item>
      </Form>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        loading={quotas.isLoading}
        dataSource={asRows(targeted)}
        locale={emptyText('Không có tổ chức nhận chỉ tiêu')}
        columns={[
          {
            title: 'Tổ chức',
            key: 'name',
            render: (_, org) => <span style={{ paddingLeft: org.depth * 12 }}>{org.name}</span>,
          },
          {
            title: `Chỉ tiêu ${year}`,
            key: 'target',
            render: (_, org) => (
              <QuotaInput
                key={`${org.id}-${year}-${targetOf(org.id)}`}
                org={org}
                year={year}
                current={targetOf(org.id)}
              />
            ),
          },
        ]}
      />
      {quotas.data && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          Đã có {formatNumber(quotas.data.length)} chỉ tiêu được nhập cho các năm.
        </Typography.Paragraph>
      )}
    </Drawer>
  );
}
