export * from './itur/index.js';
export * from './geo-look.js';
export * from './sun-outage.js';
export * from './dvbs2.js';
export * from './link-budget.js';
export * from './geo-link.js';
export * from './xband-pass.js';
export * from './availability.js';
