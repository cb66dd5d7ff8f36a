/**
 * The GitHub client: the only code in Lattice that talks to GitHub (house rule 2).
 *
 * @octokit/graphql sends the queries; a fetch wrapper underneath it does what GitHub asks of
 * well-behaved clients: it counts every request (src/upstream/calls.ts), caps concurrency,
 * reads the rate-limit headers and refuses to call while the primary budget is exhausted, waits
 * out secondary rate limits (403/429 with `retry-after`) and retries 5xx and network errors with
 * backoff, a bounded number of times, and times out. Failures become typed LatticeErrors
 * (UPSTREAM_UNAVAILABLE, RATE_LIMITED, UPSTREAM_TIMEOUT) naming the source, never the token.
 */
import { graphql } from '@octokit/graphql';
import pLimit from 'p-limit';
import { ErrorCodes, LatticeError, type ErrorCode } from '../../src/errors/index.ts';
import { countUpstreamCall } from '../../src/data/upstream.ts';
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
  readonly rateLimit: Readonly<RateLimitState>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createGitHubClient(source: string, options: GitHubOptions): GitHubClient {
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

  /** One logical request: retries and waits inside; returns the final response to octokit. */
  const fetchWithPolicy = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
      if (rateLimit.remaining === 0 && rateLimit.reset && rateLimit.reset * 1000 > Date.now()) {
        throw fail(ErrorCodes.RATE_LIMITED, `the rate limit is exhausted until ${new Date(rateLimit.reset * 1000).toISOString()}`, { resetAt: new Date(rateLimit.reset * 1000).toISOString() });
      }
      countUpstreamCall(source);
      let res: Response;
      try {
        res = await fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
      } catch (err) {
        const timedOut = (err as Error).name === 'TimeoutError';
        if (attempt < options.maxRetries) {
          await sleep(backoff(attempt));
          continue;
        }
        throw timedOut ? fail(ErrorCodes.UPSTREAM_TIMEOUT, `no answer within ${options.timeoutMs} ms`) : fail(ErrorCodes.UPSTREAM_UNAVAILABLE, `request failed: ${(err as Error).message}`);
      }
      readHeaders(res);
      if (res.status === 403 || res.status === 429) {
        const retryAfter = Number(res.headers.get('retry-after'));
        const body = await res.clone().text();
        const secondary = Number.isFinite(retryAfter) && res.headers.has('retry-after') ? retryAfter : /secondary rate limit/i.test(body) ? 60 : undefined;
        if (secondary !== undefined) {
          if (attempt < options.maxRetries && secondary * 1000 <= options.maxRetryWaitMs) {
            await sleep(secondary * 1000);
            continue;
          }
          throw fail(ErrorCodes.RATE_LIMITED, `secondary rate limit; GitHub asks to retry after ${secondary} s`, { retryAfterSeconds: secondary });
        }
        if (rateLimit.remaining === 0) throw fail(ErrorCodes.RATE_LIMITED, 'the rate limit is exhausted', { resetAt: rateLimit.reset ? new Date(rateLimit.reset * 1000).toISOString() : undefined });
      }
      if (res.status >= 500 && attempt < options.maxRetries) {
        await sleep(backoff(attempt));
        continue;
      }
      return res;
    }
  };

  const client = graphql.defaults({
    baseUrl: options.url,
    headers: { authorization: `bearer ${options.token}`, 'user-agent': 'lattice' },
    request: { fetch: fetchWithPolicy },
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
  };
}

function backoff(attempt: number): number {
  return Math.min(2000, 100 * 2 ** attempt) + Math.floor(Math.random() * 50);
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
