export * from './entities';
export * from './data-source';
export * from './calendar-overrides';
export * from './event-chain';
export * from './data-keys';
export * from './sealed-secret';
export * from './database-errors';
export * from './transaction';
