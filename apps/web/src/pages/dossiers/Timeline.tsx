import { Timeline as AntTimeline, Typography } from 'antd';
import { usePolicies } from '../../api/queries';
import type { HistoryEntry, WorkflowDescription } from '../../api/types';
import type { FieldSchema } from '../../components/schema-form/json-schema';
import { formatDate, formatDateTime } from '../../format/dates';

const CREATED = 'CREATE_DOSSIER';

/** A payload's values named by their titles: "Số nghị quyết: 05-NQ/CB · Số phiếu tán thành: 8". */
function summary(entry: HistoryEntry, schema: FieldSchema | undefined): string {
  const properties = schema?.properties ?? {};
  return Object.entries(entry.payload)
    .filter(([name, value]) => properties[name] && value !== null && typeof value !== 'object')
    .map(([name, value]) => {
      const field = properties[name];
      const shown =
        typeof value === 'boolean'
          ? value
            ? 'có'
            : 'không'
          : field.format === 'date'
            ? formatDate(String(value))
            : (field.optionLabels?.[String(value)] ?? String(value));
      return `${field.title ?? name}: ${shown}`;
    })
    .join(' · ');
}

/**
 * Every recorded step, oldest first: what (in Vietnamese), on which day, who recorded it and when, under which policy
 * version; a voided step struck through with the reason of the correction that voided it.
 */
export function Timeline({ history, workflow }: { history: HistoryEntry[]; workflow: WorkflowDescription }) {
  const events = new Map(workflow.events.map((event) => [event.type, event]));
  // The legal text in force, as officials cite it, rather than the version's code.
  const policies = usePolicies();
  const policyName = (version: string) =>
    policies.data?.find((policy) => policy.version === version)?.citation ?? version;
  const bySeq = new Map(history.map((entry) => [entry.seq, entry]));
  return (
    <AntTimeline
      items={history.map((entry) => {
        const definition = events.get(entry.type);
        const label = entry.type === CREATED ? 'Lập hồ sơ' : (definition?.label ?? entry.type);
        const voidedBy = entry.voidedBySeq ? bySeq.get(entry.voidedBySeq) : undefined;
        const details = summary(entry, definition?.schema as FieldSchema | undefined);
        return {
          key: entry.seq,
          color: voidedBy ? 'gray' : entry.payload.passed === false ? 'red' : 'blue',
          content: (
            <div>
              <div>
                <Typography.Text strong>{formatDate(entry.occurredOn)}</Typography.Text>{' '}
                {voidedBy ? <del>{label}</del> : <span>{label}</span>}
                {entry.payload.passed === false && <Typography.Text type="danger"> — không đạt</Typography.Text>}
              </div>
              {details && (
                <Typography.Text type="secondary" style={{ display: 'block' }}>
                  {voidedBy ? <del>{details}</del> : details}
                </Typography.Text>
              )}
              {voidedBy && (
                <Typography.Text type="danger" style={{ display: 'block' }}>
                  Đã hủy ngày {formatDate(voidedBy.occurredOn)}: {String(voidedBy.payload.reason ?? '')}
                </Typography.Text>
              )}
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {entry.actor.username} ghi nhận lúc {formatDateTime(entry.recordedAt)} · theo{' '}
                {policyName(entry.policyVersion)}
              </Typography.Text>
            </div>
          ),
        };
      })}
    />
  );
}
