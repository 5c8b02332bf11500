// Public facade of the sahelsat package.
export * from './core/index.js';
export * from './orbit/index.js';
export * from './imaging/index.js';
export * from './io/index.js';
export * from './passes/index.js';
export * from './planner/index.js';
