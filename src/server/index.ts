export { buildServer, type ServerOptions, type SahelsatContext } from './app.js';
export { createJobRunner, type JobRunner, type JobRunnerOptions } from './jobs/runner.js';
export { JOB_DEFINITIONS, type JobDefinition, type JobDefinitions } from './jobs/definitions.js';
export { PERMISSIONS, TRANSITIONS, type Caller } from './policy.js';
export * as schemas from './schemas/index.js';
