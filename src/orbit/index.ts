export * from './element-set.js';
export * from './propagator.js';
export * from './sgp4-constants.js';
export * from './builder.js';
export * from './tle-lines.js';
export * from './eclipses.js';
export * from './bulk.js';
