import { z } from 'zod';
import type { EventDefinition, RelocationDefinition } from '@workflows/common/workflow-definition';
import { localDate } from './event-schemas';

/**
 * Chuyển sinh hoạt đảng: a candidate's dossier or a probationary member moves to another cell (a move of house or
 * job). Recorded by a specialist whose scope holds both cells; the state, the deadlines and the rules go on unchanged,
 * only the cell that holds the dossier changes.
 */
export const TRANSFER = 'TRANSFER';

export const transferEvent: EventDefinition = {
  type: TRANSFER,
  label: 'Chuyển sinh hoạt sang chi bộ khác',
  roles: ['specialist'],
  schema: z.strictObject({
    type: z.literal(TRANSFER),
    occurredOn: localDate,
    toCellId: z.uuid().meta({ title: 'Chi bộ chuyển đến' }),
    reason: z.string().trim().min(1).max(2000).meta({ title: 'Lý do' }),
  }),
};

export const transferRelocation: RelocationDefinition = {
  eventType: TRANSFER,
  targetOrgId: (payload) => String(payload.toCellId),
};
