export * from './catalog-issue.js';
export * from './tle.js';
export * from './spot5.js';
