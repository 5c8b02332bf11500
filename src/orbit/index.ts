export * from './element-set.js';
export * from './propagator.js';
