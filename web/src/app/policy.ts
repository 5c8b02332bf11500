/**
 * What each role may do: a mirror of PERMISSIONS in src/server/policy.ts (the server enforces it;
 * the dashboard only avoids offering what would be refused). A test compares the two.
 */
import type { Action, User } from './context.js';

export const UI_PERMISSIONS: Record<Action, ReadonlyArray<User['role']>> = {
  'manage users': ['admin'],
  'import element sets': ['operator', 'admin'],
  'create areas of interest': ['analyst', 'operator', 'admin'],
  'create requests': ['analyst', 'admin'],
  plan: ['operator', 'admin'],
  'update acquisitions': ['operator', 'admin'],
  'run jobs': ['analyst', 'operator', 'admin'],
  'publish products': ['analyst', 'operator', 'admin'],
  'manage alerts': ['operator', 'admin'],
  'import layers': ['analyst', 'operator', 'admin'],
};

export function may(user: User, action: Action): boolean {
  return UI_PERMISSIONS[action].includes(user.role);
}
