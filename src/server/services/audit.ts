/** Recording changes in the audit log, inside the transaction that makes them. */
import type { AuditInput, Nation, Releasability, Repos } from '../../store/index.js';
import type { Caller } from '../policy.js';

/** The nation an audit entry may be shown to: the owner of a nation-released item, else all. */
export function auditNation(item: {
  ownerNation: Nation;
  releasability: Releasability;
}): Nation | null {
  return item.releasability === 'nation' ? item.ownerNation : null;
}

/** The entry recording `action` by `actor` on `entity`. */
export function auditInput(
  actor: Caller | null,
  action: string,
  entity: { type: string; id: string; nation?: Nation | null },
  details: Record<string, unknown> = {},
): AuditInput {
  return {
    actorId: actor?.id ?? null,
    actorName: actor?.username ?? 'system',
    action,
    entityType: entity.type,
    entityId: entity.id,
    nation: entity.nation ?? null,
    details,
  };
}

export function audit(
  tx: Repos,
  nowMs: number,
  actor: Caller | null,
  action: string,
  entity: { type: string; id: string; nation?: Nation | null },
  details: Record<string, unknown> = {},
): Promise<unknown> {
  return tx.audit.append(auditInput(actor, action, entity, details), nowMs);
}
