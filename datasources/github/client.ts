/**
 * The GitHub client: the only code in Lattice that talks to GitHub (house rule 2).
 *
 * @octokit/graphql sends the queries; a fetch wrapper underneath it does what GitHub asks of
 * well-behaved clients, through the counted upstream wrapper (src/data/upstream.ts: every
 * attempt is counted, retries come from p-retry): it caps concurrency, reads the rate-limit
 * headers and refuses to call while the primary budget is exhausted, waits out secondary rate
 * limits (403/429 with `retry-after`, up to `maxRetryWaitMs`, then the backoff) and retries 5xx
 * and network errors with exponential backoff and jitter (100 ms doubling to 2 s); at most
 * `maxRetries` retries in all, each attempt timing out after `timeoutMs`. Failures become typed LatticeErrors
 * (UPSTREAM_UNAVAILABLE, RATE_LIMITED, UPSTREAM_TIMEOUT) naming the source, never the token.
 *
 * `rest()` sends a REST request (the GITHUB invoker's workflow dispatch) through the same
 * wrapper, with the same budget; it is a write, so a 5xx or a network error is not retried (it
 * could dispatch twice): the answer is returned as it is.
 */
import { graphql } from '@octokit/graphql';
import pLimit from 'p-limit';
import { ErrorCodes, hasCode, LatticeError, type ErrorCode } from '../../src/errors/index.ts';
import { callUpstream, type RetryPolicy } from '../../src/data/upstream.ts';
import type { Circuit } from '../../src/data/circuit.ts';
import type { GitHubOptions } from './options.ts';

export interface RateLimitState {
  limit?: number;
  remaining?: number;
  used?: number;
  /** Epoch seconds. */
  reset?: number;
}

export interface GitHubClient {
  query<T>(document: string, variables?: Record<string, unknown>): Promise<T>;
  /** A REST request to the API (`path` from the API root, e.g. /repos/…); the answer whatever its status. */
  rest(method: string, path: string, body?: unknown): Promise<Response>;
  readonly rateLimit: Readonly<RateLimitState>;
}

/** A 5xx answer: retried; the last one goes back to octokit, whose error says its status. */
class ServerError extends Error {
  readonly response: Response;
  constructor(response: Response) {
    super(`HTTP ${response.status}`);
    this.response = response;
  }
}

export function createGitHubClient(source: string, options: GitHubOptions, circuit?: Circuit): GitHubClient {
  const rateLimit: RateLimitState = {};
  const limit = pLimit(options.concurrency);
  const fail = (code: ErrorCode, message: string, extra: Record<string, unknown> = {}) =>
    new LatticeError(code, `GitHub (source "${source}"): ${message}`, { details: { source, ...extra } });

  const readHeaders = (res: Response) => {
    const n = (h: string) => (res.headers.has(h) ? Number(res.headers.get(h)) : undefined);
    if (res.headers.has('x-ratelimit-remaining')) {
      Object.assign(rateLimit, { limit: n('x-ratelimit-limit'), remaining: n('x-ratelimit-remaining'), used: n('x-ratelimit-used'), reset: n('x-ratelimit-reset') });
    }
  };

  /** Throws while the primary budget is exhausted: no call is made until it resets. */
  const refuseWhileExhausted = () => {
    if (rateLimit.remaining === 0 && rateLimit.reset && rateLimit.reset * 1000 > Date.now()) {
      throw fail(ErrorCodes.RATE_LIMITED, `the rate limit is exhausted until ${new Date(rateLimit.reset * 1000).toISOString()}`, { resetAt: new Date(rateLimit.reset * 1000).toISOString() });
    }
  };

  /** One request: the answer, or a typed error (ServerError for a 5xx). */
  const attempt = async (url: string | URL | Request, init: RequestInit | undefined): Promise<Response> => {
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      throw timedOut ? fail(ErrorCodes.UPSTREAM_TIMEOUT, `no answer within ${options.timeoutMs} ms`) : fail(ErrorCodes.UPSTREAM_UNAVAILABLE, `request failed: ${(err as Error).message}`);
    }
    readHeaders(res);
    if (res.status === 403 || res.status === 429) {
      const retryAfter = Number(res.headers.get('retry-after'));
      const body = await res.clone().text();
      const secondary = Number.isFinite(retryAfter) && res.headers.has('retry-after') ? retryAfter : /secondary rate limit/i.test(body) ? 60 : undefined;
      if (secondary !== undefined) throw fail(ErrorCodes.RATE_LIMITED, `secondary rate limit; GitHub asks to retry after ${secondary} s`, { retryAfterSeconds: secondary });
      if (rateLimit.remaining === 0) throw fail(ErrorCodes.RATE_LIMITED, 'the rate limit is exhausted', { resetAt: rateLimit.reset ? new Date(rateLimit.reset * 1000).toISOString() : undefined });
    }
    if (res.status >= 500) throw new ServerError(res);
    return res;
  };

  const secondaryWaitMs = (err: unknown): number | undefined => {
    const seconds = hasCode(err, ErrorCodes.RATE_LIMITED) ? err.details.retryAfterSeconds : undefined;
    return typeof seconds === 'number' ? seconds * 1000 : undefined;
  };
  const policy = (idempotent: boolean): RetryPolicy => ({
    retries: options.maxRetries,
    backoff: { minMs: 100, maxMs: 2000, jitter: true },
    shouldRetry: (err) => {
      refuseWhileExhausted();
      const wait = secondaryWaitMs(err);
      if (wait !== undefined) return wait <= options.maxRetryWaitMs;
      return idempotent && (err instanceof ServerError || hasCode(err, ErrorCodes.UPSTREAM_UNAVAILABLE, ErrorCodes.UPSTREAM_TIMEOUT));
    },
    waitMs: (err) => secondaryWaitMs(err) ?? 0,
  });
  const reads = policy(true);
  const writes = policy(false);

  /** One logical request: retries and waits inside; returns the final response. */
  const fetchWithPolicy = async (url: string | URL | Request, init: RequestInit | undefined, retries: RetryPolicy): Promise<Response> => {
    refuseWhileExhausted();
    try {
      return await callUpstream(source, () => attempt(url, init), retries, circuit);
    } catch (err) {
      if (err instanceof ServerError) return err.response;
      throw err;
    }
  };

  const client = graphql.defaults({
    baseUrl: options.url,
    headers: { authorization: `bearer ${options.token}`, 'user-agent': 'lattice' },
    // GraphQL requests are POSTs, but reads: retried.
    request: { fetch: (url: string | URL | Request, init?: RequestInit) => fetchWithPolicy(url, init, reads) },
  });

  return {
    rateLimit,
    query<T>(document: string, variables: Record<string, unknown> = {}) {
      return limit(async () => {
        try {
          return await client<T>(document, variables);
        } catch (err) {
          throw classify(err, fail);
        }
      });
    },
    rest(method, path, body) {
      const init: RequestInit = {
        method,
        headers: { authorization: `Bearer ${options.token}`, accept: 'application/vnd.github+json', 'content-type': 'application/json', 'x-github-api-version': '2022-11-28', 'user-agent': 'lattice' },
        body: body === undefined ? undefined : JSON.stringify(body),
      };
      return limit(() => fetchWithPolicy(`${options.url.replace(/\/$/, '')}${path}`, init, writes));
    },
  };
}

/** octokit errors → LatticeErrors; the message never includes request headers (the token). */
function classify(err: unknown, fail: (code: ErrorCode, message: string, extra?: Record<string, unknown>) => LatticeError): LatticeError {
  if (err instanceof LatticeError) return err;
  // Errors our fetch wrapper throws reach us wrapped by @octokit/request, as the cause.
  if ((err as { cause?: unknown }).cause instanceof LatticeError) return (err as { cause: LatticeError }).cause;
  const e = err as { status?: number; name?: string; message?: string; errors?: { message: string; type?: string }[] };
  if (e.name === 'GraphqlResponseError') {
    // GitHub reports an exhausted primary rate limit as HTTP 200 with an error of type RATE_LIMITED.
    const limited = (e.errors ?? []).some((x) => x.type === 'RATE_LIMITED');
    return fail(limited ? ErrorCodes.RATE_LIMITED : ErrorCodes.UPSTREAM_UNAVAILABLE, `GitHub answered with errors: ${(e.errors ?? []).map((x) => x.message).join('; ')}`);
  }
  if (e.status === 401) return fail(ErrorCodes.UPSTREAM_UNAVAILABLE, 'bad credentials (check the token)', { status: 401 });
  if (e.status !== undefined) return fail(ErrorCodes.UPSTREAM_UNAVAILABLE, `HTTP ${e.status}`, { status: e.status });
  return fail(ErrorCodes.UPSTREAM_UNAVAILABLE, e.message ?? String(err));
}
