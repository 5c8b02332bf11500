/**
 * HTTP errors, and the one place where any error becomes an HTTP response. Services throw
 * {@link ApiError}s (or the core's typed errors); routes never catch. Responses never carry a
 * stack trace: unexpected errors are logged with a reference the user can quote.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ConflictError, NotFoundError, SahelsatError, ValidationError } from '../core/errors.js';
import { type Lang } from '../i18n/index.js';
import { type ServerMessageKey, serverMessages as m } from './messages.js';
import { frenchIssueMessage } from './zod-fr.js';

/** One problem with one field of the input. `path` is dotted, e.g. `window.start`. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
  /** Line in the uploaded file, when the input is a file. */
  readonly line?: number;
}

/** An error with an HTTP status, a stable code and a translatable message. */
export class ApiError extends SahelsatError {
  readonly status: number;
  readonly key: ServerMessageKey;
  readonly vars: Record<string, string | number>;
  readonly issues: readonly FieldIssue[] | undefined;
  constructor(
    status: number,
    code: string,
    key: ServerMessageKey,
    vars: Record<string, string | number> = {},
    issues?: readonly FieldIssue[],
  ) {
    super(code, m('en', key, vars));
    this.status = status;
    this.key = key;
    this.vars = vars;
    this.issues = issues;
  }
}

export const notFound = (what: string): ApiError =>
  new ApiError(404, 'not-found', 'error.not-found', { what });
export const forbidden = (role: string, action: string): ApiError =>
  new ApiError(403, 'forbidden', 'error.forbidden', { role, action });
export const unauthenticated = (): ApiError =>
  new ApiError(401, 'unauthenticated', 'error.unauthenticated');
export const changedMeanwhile = (what: string): ApiError =>
  new ApiError(409, 'changed-meanwhile', 'error.changed-meanwhile', { what });
/** A 400 for one field, for checks zod cannot express (e.g. window start before end). */
export const invalidField = (path: string, message: string): ApiError =>
  new ApiError(400, 'invalid-input', 'error.validation', { count: 1 }, [{ path, message }]);

/** The language of a response: French when the client prefers it (Accept-Language). */
export function requestLang(req: FastifyRequest): Lang {
  const header = req.headers['accept-language'];
  if (typeof header !== 'string') return 'en';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('fr') ? 'fr' : 'en';
}

interface ErrorBody {
  error: { code: string; message: string; issues?: FieldIssue[] };
}

function body(code: string, message: string, issues?: readonly FieldIssue[]): ErrorBody {
  return { error: { code, message, ...(issues ? { issues: [...issues] } : {}) } };
}

/** Installs the error and not-found handlers on the root instance. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => {
    const lang = requestLang(req);
    void reply
      .code(404)
      .send(
        body(
          'route-not-found',
          m(lang, 'error.route-not-found', { method: req.method, url: req.url.split('?')[0]! }),
        ),
      );
  });
  app.setErrorHandler((err: FastifyError, req, reply) => sendError(err, req, reply));
}

function sendError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const lang = requestLang(req);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const part = err.validationContext ?? 'body';
    const root = part === 'querystring' ? 'query' : part;
    const issues = err.validation.flatMap((v) => {
      const segments = v.instancePath.split('/').filter((s) => s !== '');
      const params = v.params as { keys?: unknown };
      const message =
        lang === 'fr'
          ? (frenchIssueMessage({ code: v.keyword, path: segments, ...params }) ?? v.message ?? '')
          : (v.message ?? '');
      // An unknown key is reported at the key itself, so the path points at what to remove.
      if (v.keyword === 'unrecognized_keys' && Array.isArray(params.keys)) {
        return params.keys.map((k) => ({
          path: [root, ...segments, String(k)].join('.'),
          message,
        }));
      }
      return [{ path: [root, ...segments].join('.'), message }];
    });
    return reply
      .code(400)
      .send(body('invalid-input', m(lang, 'error.validation', { count: issues.length }), issues));
  }
  if (err instanceof ApiError) {
    if (err.status === 429 && err.vars.seconds !== undefined) {
      void reply.header('retry-after', String(err.vars.seconds));
    }
    return reply.code(err.status).send(body(err.code, m(lang, err.key, err.vars), err.issues));
  }
  if (err instanceof ValidationError) {
    const issues = err.location.field
      ? [{ path: err.location.field, message: err.message }]
      : undefined;
    return reply.code(400).send(body(err.code, err.message, issues));
  }
  if (err instanceof NotFoundError) return reply.code(404).send(body(err.code, err.message));
  if (err instanceof ConflictError) return reply.code(409).send(body(err.code, err.message));
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return reply
        .code(413)
        .send(
          body('too-large', m(lang, 'error.too-large', { limit: req.routeOptions.bodyLimit ?? 0 })),
        );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return reply
        .code(415)
        .send(
          body(
            'unsupported-media-type',
            m(lang, 'error.unsupported-media', { type: String(req.headers['content-type'] ?? '') }),
          ),
        );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return reply.code(400).send(body('bad-json', m(lang, 'error.bad-json')));
    default:
      break;
  }
  if (err.name === 'SyntaxError' && err.statusCode === 400) {
    return reply.code(400).send(body('bad-json', m(lang, 'error.bad-json')));
  }
  const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
  if (status >= 400 && status < 500) {
    return reply.code(status).send(body(err.code ?? 'bad-request', err.message));
  }
  const ref = randomUUID().slice(0, 8);
  req.log.error({ err, ref }, 'unexpected error');
  return reply.code(500).send(body('internal', m(lang, 'error.internal', { ref })));
}
