/**
 * French messages for zod issues, from zod's own French locale. The issue objects the
 * validator keeps do not carry the rejected input, so "received …" is left out where zod
 * would need it.
 */
import { z } from 'zod';

const fr = z.locales.fr();
const TYPES: Record<string, string> = {
  string: 'chaîne de caractères',
  number: 'nombre',
  int: 'entier',
  boolean: 'booléen',
  object: 'objet',
  array: 'tableau',
};

/** The French message of a zod issue (as fastify-type-provider-zod reports it), or null. */
export function frenchIssueMessage(issue: { code: string; [k: string]: unknown }): string | null {
  if (issue.code === 'invalid_type') {
    const expected = String(issue.expected ?? '');
    return `Entrée invalide : ${TYPES[expected] ?? expected} attendu`;
  }
  try {
    const out = fr.localeError(issue as never);
    return typeof out === 'string' ? out : (out?.message ?? null);
  } catch {
    return null;
  }
}
