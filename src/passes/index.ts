export * from './pass.js';
export * from './station.js';
export * from './find-passes.js';
export * from './batch.js';
