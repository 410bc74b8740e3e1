export * from './metrics-access';
export * from './metrics-server';
export * from './service-metrics';
