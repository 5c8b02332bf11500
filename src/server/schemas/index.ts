/** The API's zod schemas (shared with the dashboard). */
export * from './common.js';
export * from './auth.js';
export * from './requests.js';
export * from './plans.js';
export * from './catalogue.js';
export * from './ops.js';
export * from './alerts.js';
export * from './products.js';
export * from './telecom.js';
export * from './planning.js';
export * from './user-layers.js';
