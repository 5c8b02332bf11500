export * from './alert.js';
export * from './backoff.js';
export * from './cap.js';
export * from './feeds.js';
export * from './rules.js';
export * from './signature.js';
