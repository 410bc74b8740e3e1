export * from './actor';
export * from './deadline-sync';
export * from './dossier-engine';
export * from './dossier-record';
export * from './engine-errors';
export * from './event-validation';
export * from './workflow-registry';
