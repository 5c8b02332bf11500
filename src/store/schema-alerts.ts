/**
 * Table types of migration 003 (alerts). Merged into `Database` by declaration merging, so the
 * shared schema file needs no edit.
 */
export interface AlertRulesTable {
  id: string;
  name: string;
  kind: string;
  /** The kind-specific part of the rule (RuleSpec), JSON. */
  spec: string;
  enabled: number;
  owner_nation: string;
  releasability: string;
  created_by: string;
  created_at_ms: number;
  updated_at_ms: number;
  version: number;
}

export interface AlertsTable {
  id: string;
  identifier: string;
  sent_at_ms: number;
  status: string;
  msg_type: string;
  category: string;
  severity: string;
  urgency: string;
  certainty: string;
  /** event, headline, description, area, references (JSON). */
  content: string;
  min_lon: number | null;
  min_lat: number | null;
  max_lon: number | null;
  max_lat: number | null;
  rule_id: string | null;
  product_id: string | null;
  request_id: string | null;
  /** `rule:<id>:<product|request>:<id>` for rule alerts: one alert per rule and cause. */
  dedupe_key: string | null;
  owner_nation: string;
  releasability: string;
  created_by: string | null;
}

export interface WebhooksTable {
  id: string;
  url: string;
  secret: string;
  formats: string;
  owner_nation: string;
  created_by: string;
  created_at_ms: number;
}

export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  alert_id: string;
  format: string;
  status: string;
  attempts: number;
  next_attempt_ms: number;
  lease_until_ms: number | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at_ms: number;
  updated_at_ms: number;
  delivered_at_ms: number | null;
}

declare module './schema.js' {
  interface Database {
    alert_rules: AlertRulesTable;
    alerts: AlertsTable;
    webhooks: WebhooksTable;
    webhook_deliveries: WebhookDeliveriesTable;
  }
}
