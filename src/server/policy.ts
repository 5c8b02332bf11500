/**
 * Who may do what. Two independent rules:
 *
 * 1. Visibility (the store's releasability filter): a user sees an item released to the
 *    alliance, or one owned by their own nation. An invisible item does not exist for them:
 *    404, never 403, and it is absent from lists, counts, searches and the live socket.
 * 2. Permission (this file): what each role may do with what it can see. A visible item the
 *    role may not touch answers 403.
 */
import type { Nation, RequestStatus, Role } from '../store/index.js';
import { forbidden } from './errors.js';

/** The authenticated caller. */
export interface Caller {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly nation: Nation;
  /** Public id of the session the call came with. */
  readonly sessionId: string;
}

/** Actions guarded by role. The value lists the roles allowed. */
export const PERMISSIONS = {
  'manage users': ['admin'],
  'read the audit log': ['admin'],
  'change settings': ['admin'],
  'import element sets': ['operator', 'admin'],
  'create areas of interest': ['analyst', 'operator', 'admin'],
  'create requests': ['analyst', 'admin'],
  'edit requests': ['analyst', 'admin'],
  plan: ['operator', 'admin'],
  'update acquisitions': ['operator', 'admin'],
  'run jobs': ['analyst', 'operator', 'admin'],
  'cancel jobs': ['analyst', 'operator', 'admin'],
  'manage alerts': ['operator', 'admin'],
  'publish products': ['analyst', 'operator', 'admin'],
  'assess feasibility': ['analyst', 'operator', 'admin'],
  // like the other telecom calculators: any authenticated role
  'compute telecom maps': ['viewer', 'analyst', 'operator', 'admin'],
  'import layers': ['analyst', 'operator', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export function may(caller: Caller, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(caller.role);
}

/** @throws ApiError 403 when the caller's role may not do `action`. */
export function requirePermission(caller: Caller, action: Action): void {
  if (!may(caller, action)) throw forbidden(caller.role, action);
}

/**
 * The request lifecycle: from each status, where it may go, and who may move it there.
 * `owner`: only analysts/admins of the request's own nation (it is their request);
 * `operations`: operators/admins of any nation that can see it (feasibility, planning, delivery);
 * `owner-or-operations`: either (cancelling).
 */
export const TRANSITIONS: Readonly<
  Record<RequestStatus, Partial<Record<RequestStatus, TransitionActor>>>
> = {
  draft: { submitted: 'owner', cancelled: 'owner' },
  submitted: { feasible: 'operations', infeasible: 'operations', cancelled: 'owner-or-operations' },
  feasible: { planned: 'operations', infeasible: 'operations', cancelled: 'owner-or-operations' },
  infeasible: {},
  planned: {
    acquired: 'operations',
    failed: 'operations',
    feasible: 'operations',
    cancelled: 'owner-or-operations',
  },
  acquired: { delivered: 'operations', failed: 'operations' },
  delivered: {},
  cancelled: {},
  failed: {},
};

export type TransitionActor = 'owner' | 'operations' | 'owner-or-operations';

/** Whether `caller` may move a request owned by `ownerNation` along this transition actor rule. */
export function mayTransition(
  caller: Caller,
  actor: TransitionActor,
  ownerNation: Nation,
): boolean {
  const owner =
    (caller.role === 'analyst' || caller.role === 'admin') && caller.nation === ownerNation;
  const operations = caller.role === 'operator' || caller.role === 'admin';
  if (actor === 'owner') return owner;
  if (actor === 'operations') return operations;
  return owner || operations;
}

/** Whether an admin may manage a user of `nation`: the joint centre's admins manage everyone. */
export function mayManageNation(caller: Caller, nation: Nation): boolean {
  return caller.role === 'admin' && (caller.nation === 'AES' || caller.nation === nation);
}
