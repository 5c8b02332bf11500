export * from './sensor.js';
export * from './geometry.js';
export * from './track.js';
export * from './access-windows.js';
export * from './sun-constraint.js';
