/**
 * The handlers in front of Apollo on the GraphQL path (handlerChain.ts): who the caller is (authenticated once,
 * kept for the response, `callerOf(res)`, for Apollo's context and the streams), its request budget (rateLimit.ts: 429 with
 * `Retry-After` and a GraphQL error body, code RATE_LIMITED, audited as `http.graphql` REFUSED),
 * and trusted documents (trustedDocuments.ts).
 * Health, metrics and webhook routes are not behind it.
 */
import type { ServerResponse } from 'node:http';
import type { Authenticate } from '../auth/authenticate.ts';
import { ANONYMOUS, type Identity } from '../auth/identity.ts';
import type { Auditor } from '../data/AuditLog.ts';
import { ErrorCodes } from '../errors/index.ts';
import type { ClientIp } from './clientIp.ts';
import type { ChainHandler } from './handlerChain.ts';
import type { RateLimiter } from './rateLimit.ts';
import { sendJson } from './sendJson.ts';
import type { DocumentRequest, TrustedDocuments } from './trustedDocuments.ts';

/** What `identify` keeps for a response (`callerOf`): the identity, or why the credentials were refused. */
export type CallerOutcome = { readonly identity: Identity } | { readonly refused: unknown };

const callers = new WeakMap<ServerResponse, CallerOutcome>();

/** The caller `identify` found for this response (undefined before it ran). */
export function callerOf(res: ServerResponse): CallerOutcome | undefined {
  return callers.get(res);
}

export function identify(authenticate: Authenticate): ChainHandler {
  return async (req, res, next) => {
    try {
      callers.set(res, { identity: await authenticate(req.headers.authorization) });
    } catch (err) {
      callers.set(res, { refused: err });
    }
    next();
  };
}

export function rateLimit(options: { readonly limiter: RateLimiter; readonly audit: Auditor; readonly clientIp: ClientIp }): ChainHandler {
  const { limiter, audit, clientIp } = options;
  return async (req, res, next) => {
    const caller = callerOf(res);
    const identity = caller && 'identity' in caller ? caller.identity : ANONYMOUS;
    const retryAfter = await limiter.consume({ identity, ip: clientIp(req) });
    if (retryAfter === undefined) return next();
    await audit.record({ event: 'http.graphql', actor: { user: identity.user, via: identity.via }, target: {}, outcome: 'REFUSED', code: ErrorCodes.RATE_LIMITED });
    sendJson(res, 429, { errors: [{ message: `rate limit reached: retry in ${retryAfter} s`, extensions: { code: ErrorCodes.RATE_LIMITED, retryAfterSeconds: retryAfter } }] }, { 'retry-after': String(retryAfter) });
  };
}

/** Trusted documents over HTTP (trustedDocuments.ts): the named document replaces the id in the body (POST) or the URL (GET) before Apollo reads it; a refusal answers 400 with its code. */
export function trustedDocumentsGate(documents: TrustedDocuments, audit: Auditor): ChainHandler {
  return async (req, res, next) => {
    const caller = callerOf(res);
    const identity = caller && 'identity' in caller ? caller.identity : ANONYMOUS;
    const url = new URL(req.url ?? '/', 'http://lattice');
    const get = req.method === 'GET';
    if (get && !['query', 'documentId', 'extensions'].some((p) => url.searchParams.has(p))) return next(); // the landing page
    const body: unknown = req.body;
    if (!get && (!body || typeof body !== 'object' || Array.isArray(body))) return next(); // Apollo answers what is not a request
    const request: DocumentRequest = get ? { query: url.searchParams.get('query') ?? undefined, documentId: url.searchParams.get('documentId') ?? undefined, extensions: jsonOrUndefined(url.searchParams.get('extensions')) } : (body as DocumentRequest);
    const resolved = await documents.resolve(request, identity);
    if (typeof resolved !== 'string') {
      await audit.record({ event: 'http.graphql', actor: { user: identity.user, via: identity.via }, target: {}, outcome: 'REFUSED', code: String(resolved.extensions.code) });
      sendJson(res, 400, { errors: [resolved.toJSON()] });
      return;
    }
    const extensions = withoutPersistedQuery(request.extensions);
    if (get) {
      url.searchParams.set('query', resolved);
      url.searchParams.delete('documentId');
      if (extensions) url.searchParams.set('extensions', JSON.stringify(extensions));
      else url.searchParams.delete('extensions');
      req.url = `${url.pathname}${url.search}`;
    } else {
      const { documentId: _, extensions: __, ...rest } = body as Record<string, unknown>;
      req.body = { ...rest, query: resolved, ...(extensions ? { extensions } : {}) };
    }
    next();
  };
}

/** The extensions without `persistedQuery` (Apollo would check the hash against the query again), undefined when nothing is left. */
function withoutPersistedQuery(extensions: unknown): Record<string, unknown> | undefined {
  if (!extensions || typeof extensions !== 'object') return undefined;
  const { persistedQuery: _, ...rest } = extensions as Record<string, unknown>;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

function jsonOrUndefined(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
