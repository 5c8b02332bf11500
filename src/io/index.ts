export * from './catalog-issue.js';
export * from './tle.js';
