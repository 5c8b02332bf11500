export * from './itur/index.js';
export * from './geo-look.js';
export * from './sun-outage.js';
