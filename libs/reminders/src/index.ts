export * from './queues';
export * from './reconciler';
export * from './recipients';
export * from './reminder-message';
export * from './reminder-plan';
export * from './reminder-scheduler';
export * from './reminder-sender';
export * from './webhook-delivery';
