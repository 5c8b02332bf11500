/**
 * One way for every panel to tell the user what went wrong with a server call, in the current
 * language. A route the server does not have yet (another part of the programme not deployed)
 * is told as such, not as a failure.
 */
import type { AppContext } from '../app/context.js';

export interface ApiErrorLike {
  status: number;
  code: string;
  message: string;
  issues?: Array<{ path: string; message: string; line?: number }>;
}

export function isApiError(e: unknown): e is ApiErrorLike {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as ApiErrorLike).status === 'number' &&
    typeof (e as ApiErrorLike).code === 'string'
  );
}

/** Whether the server answered that the route does not exist (feature not deployed). */
export function isUnavailable(e: unknown): boolean {
  return isApiError(e) && (e.code === 'route-not-found' || e.status === 501);
}

/** The sentence shown for `e` (server messages already come in the caller's language). */
/** `ns`: the panel whose table holds the common messages (`<ns>.common.*`, see messages.ts). */
export function errorText(ctx: Pick<AppContext, 't'>, e: unknown, ns: string): string {
  if (isUnavailable(e)) return ctx.t(`${ns}.common.error.unavailable`);
  if (isApiError(e)) {
    if (e.status === 0) return ctx.t(`${ns}.common.error.network`);
    if (e.status === 403) return ctx.t(`${ns}.common.error.forbidden`, { message: e.message });
    const issues = (e.issues ?? []).map((i) => `${i.path}: ${i.message}`).join('; ');
    return ctx.t(`${ns}.common.error.server`, {
      status: e.status,
      message: issues ? `${e.message} (${issues})` : e.message,
    });
  }
  if (e instanceof TypeError) return ctx.t(`${ns}.common.error.network`);
  return ctx.t(`${ns}.common.error.unexpected`, {
    message: e instanceof Error ? e.message : String(e),
  });
}
