/** The injection token of the application's `AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');
