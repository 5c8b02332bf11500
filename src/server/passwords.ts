/**
 * Password hashing with argon2id (RFC 9106), at OWASP's recommended minimum cost (19 MiB of
 * memory, 2 passes, 1 lane): a few tens of milliseconds per login on this machine.
 */
import argon2 from 'argon2';

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false; // a malformed stored hash never authenticates
  }
}

let dummy: Promise<string> | null = null;
/**
 * Spends the same time as a real verification, for unknown users: login time does not tell
 * whether a username exists.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword('not a password of anyone');
  await verifyPassword(await dummy, password);
  return false;
}
