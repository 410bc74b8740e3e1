export * from './auth.decorators';
export * from './auth.errors';
export * from './auth.guard';
export * from './authenticated-user';
export * from './password';
export * from './access-tokens';
export * from './access-to-confirm';
export * from './user-access';
