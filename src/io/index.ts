export * from './catalog-issue.js';
export * from './tle.js';
export * from './itur-maps.js';
