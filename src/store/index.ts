export * from './records.js';
export type { Dialect } from './dialect.js';
export type { AuditInput, AuditVerification, AuditFilter } from './audit.js';
export { auditHash } from './audit.js';
export type { ElementSetInput, ImportOutcome } from './catalogue.js';
export type { NewJob, JobFilter, JobBeat } from './jobs.js';
export type { AcquisitionFilter } from './plans.js';
export type { RequestFilter, RequestChanges } from './requests.js';
export type { NewUser, UserChanges } from './users.js';
export { type GroupCommit, type GroupCommitOptions, groupCommit } from './group-commit.js';
export {
  type Repos,
  type Settled,
  type Store,
  type StoreConfig,
  dropPostgresSchema,
  openStore,
  sqliteFileIn,
  sqliteIntegrityCheck,
} from './store.js';
export {
  DELIVERY_STATUSES,
  WEBHOOK_FORMATS,
  type AlertRecord,
  type AlertRuleChanges,
  type AlertRuleRecord,
  type DeliveryRecord,
  type DeliveryStatus,
  type WebhookFormat,
  type WebhookRecord,
} from './alerts.js';
export {
  PRODUCT_TYPES,
  type ProductType,
  type ProductRecord,
  type NewProduct,
  type ProductFilter,
} from './products.js';
export type { StacCollectionRecord, StacItemRecord, StacPrefilter } from './stac.js';
export type { NewUserLayer, UserLayerChanges, UserLayerRecord } from './user-layers.js';
