export * from './auth.decorators';
export * from './auth.errors';
export * from './auth.guard';
export * from './authenticated-user';
export * from './password';
export * from './access-tokens';
