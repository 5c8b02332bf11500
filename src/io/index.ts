export * from './catalog-issue.js';
export * from './tle.js';
export * from './itur-maps.js';
export * from './sites-csv.js';
export * from './availability-map.js';
export * from './itur-import.js';
