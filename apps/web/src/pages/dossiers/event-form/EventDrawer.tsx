import { useMemo, useState } from 'react';
import { AutoComplete, App, Button, Drawer, Form, Grid, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiRequestError } from '../../../api/client';
import { queryKeys, useHistory, useOrganisations, useWorkflow } from '../../../api/queries';
import type { DossierView } from '../../../api/types';
import { flattenOrganisations } from '../../../auth/session';
import { DateField } from '../../../components/DateField';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { withoutBlanks, type FieldSchema } from '../../../components/schema-form/json-schema';
import { SchemaFields, type SchemaFieldsProps } from '../../../components/schema-form/SchemaFields';
import { isVote, VoteThreshold } from './VoteThreshold';

interface EventDrawerProps {
  dossier: DossierView;
  event: { type: string; label: string } | null;
  onClose: () => void;
}

const newKey = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

/**
 * The people a verification may concern: the candidate (named by the subject field's labels in the workflow) and the
 * relatives of the latest personal history.
 */
function useVerificationSubjects(dossierId: string, subject: FieldSchema | undefined) {
  const history = useHistory(dossierId);
  return useMemo(() => {
    if (!subject) return [];
    const latest = history.data
      ?.filter((entry) => entry.type === 'SUBMIT_PERSONAL_HISTORY' && !entry.voidedBySeq)
      .at(-1);
    const relatives = (latest?.payload.relatives as { fullName: string }[] | undefined) ?? [];
    return [
      ...Object.entries(subject.optionLabels ?? {}).map(([value, label]) => ({ value, label })),
      ...relatives.map((relative) => ({ value: relative.fullName, label: relative.fullName })),
    ];
  }, [history.data, subject]);
}

/**
 * One step's form, built from the event's JSON Schema in the workflow definition: a drawer at the side on a desktop,
 * the whole screen on a phone. "Ghi nhận" sends it with the dossier version it was based on and a key that makes a
 * repeated tap harmless; a refusal shows the rule's message and citation here, and nothing is recorded.
 */
export function EventDrawer({ dossier, event, onClose }: EventDrawerProps) {
  const desktop = Grid.useBreakpoint().md ?? true;
  const workflow = useWorkflow(dossier.workflow.name);
  const organisations = useOrganisations();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);
  const schema = workflow.data?.events.find((candidate) => candidate.type === event?.type)?.schema as
    FieldSchema | undefined;
  const subjects = useVerificationSubjects(
    dossier.id,
    event?.type === 'RECORD_VERIFICATION_ANSWER' ? schema?.properties?.subject : undefined,
  );

  const record = useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      api<DossierView>(`/dossiers/${dossier.id}/events`, {
        body: { type: event!.type, ...(withoutBlanks(values) as object) },
        headers: { 'If-Match': String(dossier.version), 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.dossier(dossier.id), updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.dossiers });
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
      message.success(`Đã ghi nhận: ${event!.label}`);
      close();
    },
    onError: (error) => {
      setIdempotencyKey(newKey());
      if (error instanceof ApiRequestError && error.code === 'VERSION_CONFLICT')
        void queryClient.invalidateQueries({ queryKey: queryKeys.dossier(dossier.id) });
    },
  });

  const close = () => {
    form.resetFields();
    record.reset();
    setIdempotencyKey(newKey());
    onClose();
  };

  const cells = flattenOrganisations(organisations.data ?? []).filter(
    (org) => (org.kind === 'cell' || org.kind === 'grassrootsCell') && org.id !== dossier.cellId,
  );
  const custom: SchemaFieldsProps['custom'] = {
    toCellId: ({ name, label, required }) => (
      <Form.Item key="toCellId" name={name} label={label} rules={[{ required, message: 'Chọn chi bộ' }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="Chọn chi bộ"
          options={cells.map((cell) => ({ value: cell.id, label: cell.name }))}
        />
      </Form.Item>
    ),
  };
  if (event?.type === 'RECORD_VERIFICATION_ANSWER')
    custom.subject = ({ name, label, required }) => (
      <Form.Item
        key="subject"
        name={name}
        label={label}
        rules={[{ required, message: 'Chọn người được thẩm tra' }]}
        extra="Người xin vào Đảng hoặc một người thân trong lý lịch"
      >
        <AutoComplete options={subjects} placeholder="Chọn hoặc gõ họ tên" />
      </Form.Item>
    );

  return (
    <Drawer
      open={event !== null}
      onClose={close}
      title={event?.label}
      placement={desktop ? 'right' : 'bottom'}
      size={desktop ? 560 : '100%'}
      destroyOnHidden
    >
      {event && (
        <Form
          form={form}
          name={`event-${event.type}`}
          layout="vertical"
          size="large"
          onFinish={(values) => record.mutate(values)}
          requiredMark="optional"
        >
          <DateField name="occurredOn" label="Ngày" extra="Ngày sự việc diễn ra, ví dụ 15/3/2025" />
          {schema && <SchemaFields schema={schema} omit={['type', 'occurredOn']} custom={custom} />}
          {isVote(event.type) && <VoteThreshold type={event.type} />}
          <ErrorAlert error={record.error} />
          <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end', flexWrap: 'wrap' }}>
            <Button onClick={close}>Hủy</Button>
            <Button type="primary" htmlType="submit" loading={record.isPending}>
              Ghi nhận
            </Button>
          </div>
        </Form>
      )}
    </Drawer>
  );
}
