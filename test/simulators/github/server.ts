/**
 * startGitHubSimulator: a GitHub GraphQL API on a real HTTP server (node:http, 127.0.0.1, port 0)
 * for tests and the demo. `POST /graphql` (GitHub.com's shape, `@octokit/graphql` with
 * `baseUrl: sim.url`) and `POST /api/graphql` (GitHub Enterprise Server's, `baseUrl: sim.url + '/api/v3'`).
 *
 * A request goes: latency → 502 fault → token (401 Bad credentials) → JSON body → secondary rate
 * limit fault (403 + retry-after) → primary rate limit (200 RATE_LIMITED, remaining 0) → parse →
 * graphql-js validation against GitHub's published schema → GitHub's node limit and cost
 * (limits.ts) → execution over the seeded data (resolvers.ts). Every answer GitHub gives with 200
 * (validation errors, node limit, rate limit) is a 200 here too, with GitHub's error shapes and
 * the `x-ratelimit-*` headers. Stats record every request and every query evaluated.
 *
 * REST: `POST /repos/{owner}/{repo}/actions/workflows/{workflow}/dispatches` (workflow_dispatch)
 * answers 204 and starts a workflow run (runner.ts), which sends signed `workflow_run` webhooks
 * to the target `deliverWebhooks({ url, secret })` names, as an organization webhook does: racing
 * the 204, or all before it (`beforeAnswer`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  execute,
  getOperationAST,
  GraphQLBoolean,
  GraphQLError,
  Kind,
  parse,
  validate,
  valueFromAST,
  type DocumentNode,
  type OperationDefinitionNode,
} from 'graphql';
import { executionErrorJson, validationErrorJson, type GitHubErrorJson } from './errors.ts';
import { analyzeQuery } from './limits.ts';
import { createFieldResolver, type GitHubData, type RateLimitInfo, type ResolverContext } from './resolvers.ts';
import { gitHubSchema } from './schema.ts';
import { WorkflowRunner, type Delivery, type SimWorkflowRun, type WebhookTarget } from './runner.ts';
import { seedOrganization, seedViewer, type GitHubOrganization } from './seed.ts';

export type { GitHubData } from './resolvers.ts';

export interface GitHubSimulatorOptions {
  /** The token clients must send as `Authorization: bearer <token>` or `token <token>` (default `ghp_simulator`). */
  readonly token?: string;
  /** Organizations to serve (default: `seedOrganization({ login, extraRepositories })`). */
  readonly organizations?: GitHubOrganization[];
  /** Login of the default seeded organization (default `acme`). */
  readonly login?: string;
  /** Generated repositories added to the default seeded organization (default 0). */
  readonly extraRepositories?: number;
  /** Login of the token's user, `viewer` (default `lattice-bot`). */
  readonly viewerLogin?: string;
  /** Delay before every answer, in milliseconds (default 0). `setFaults({ latencyMs })` overrides it. */
  readonly latencyMs?: number;
  /** Primary rate limit, points per hour (default 5,000, GitHub's for a user token). */
  readonly rateLimit?: number;
  /** Interface to listen on (default 127.0.0.1) and port (default 0: a free one). */
  readonly host?: string;
  readonly port?: number;
}

export interface GitHubFaults {
  /** Answer the next n requests with 502 (GitHub's "Something went wrong" body). */
  readonly status502?: number;
  /** Answer the next `count` requests with 403, `retry-after: retryAfterSeconds` and GitHub's secondary rate limit message. */
  readonly secondaryRateLimit?: { readonly count: number; readonly retryAfterSeconds: number };
  /** While true, answer every query with GitHub's primary rate limit error and `x-ratelimit-remaining: 0`. */
  readonly primaryRateLimitExhausted?: boolean;
  /** Delay before every answer, in milliseconds (replaces the `latencyMs` option while set). */
  readonly latencyMs?: number;
}

export interface GitHubQueryRecord {
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly operationName: string | null;
  /** Parsed, passed graphql-js validation and GitHub's pagination and node limits (wherever in the document). */
  readonly valid: boolean;
  /** The errors answered (empty for a clean answer). */
  readonly errors: GitHubErrorJson[];
  /** Rate-limit points charged (0 when the query was rejected before execution) and GitHub's node count. */
  readonly cost: number;
  readonly nodeCount: number;
}

export interface GitHubSimulatorStats {
  /** POST requests received, rejected ones included (401, 403, 502, rate limited, invalid). */
  requests: number;
  /** Answers by HTTP status, e.g. `{ 200: 3, 401: 1 }`. */
  statuses: Record<number, number>;
  /** Every query the simulator parsed, in order (requests stopped by auth, faults or rate limits are not here). */
  queries: GitHubQueryRecord[];
  /** REST `workflow_dispatch` calls accepted: `POST /repos/{owner}/{repo}/actions/workflows/{workflow}/dispatches`. */
  dispatches: { owner: string; repo: string; workflow: string; ref: string; inputs: Record<string, unknown> }[];
}

export interface GitHubSimulator {
  /** Base URL, `http://127.0.0.1:<port>`: `@octokit/graphql`'s `baseUrl` for GitHub.com's shape. */
  readonly url: string;
  /** `url + '/graphql'`. */
  readonly graphqlUrl: string;
  /** `url + '/api/v3'`: `@octokit/graphql`'s `baseUrl` for GitHub Enterprise Server's shape (posts to `/api/graphql`). */
  readonly enterpriseBaseUrl: string;
  readonly token: string;
  readonly stats: GitHubSimulatorStats;
  /** The served data; tests may change it between requests. */
  readonly data: GitHubData;
  /** Replace the current faults (keys left out are cleared). */
  setFaults(faults: GitHubFaults): void;
  /**
   * Send `workflow_run` webhooks of dispatched workflows to this URL (several: in turn), signed
   * with this secret (undefined: stop); `beforeAnswer`: all of a run's deliveries before its
   * dispatch is answered.
   */
  deliverWebhooks(target: WebhookTarget | undefined): void;
  /** The workflow runs dispatches started, in order (status, conclusion, what each did). */
  readonly workflowRuns: readonly SimWorkflowRun[];
  /** The webhook deliveries made, with the receiver's answer. */
  readonly webhookDeliveries: readonly Delivery[];
  /** Resolves once every workflow run started so far has completed and been delivered. */
  actionsIdle(): Promise<void>;
  /** Clear faults, stats and rate-limit usage, and restore the seeded data. */
  reset(): void;
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/graphql';
const HOUR_MS = 3_600_000;

interface RateWindow {
  limit: number;
  used: number;
  resetAtMs: number;
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export async function startGitHubSimulator(options: GitHubSimulatorOptions = {}): Promise<GitHubSimulator> {
  const schema = gitHubSchema();
  const fieldResolver = createFieldResolver(schema);
  const token = options.token ?? 'ghp_simulator';
  const initial = options.organizations ?? [seedOrganization({ login: options.login, extraRepositories: options.extraRepositories })];
  const pristine = structuredClone(initial);
  const data: GitHubData = { organizations: initial, viewer: seedViewer(options.viewerLogin) };
  const stats: GitHubSimulatorStats = { requests: 0, statuses: {}, queries: [], dispatches: [] };
  const newWindow = (): RateWindow => ({ limit: options.rateLimit ?? 5_000, used: 0, resetAtMs: Math.ceil((Date.now() + HOUR_MS) / 1000) * 1000 });
  let window = newWindow();
  let faults: { status502: number; secondary: { count: number; retryAfterSeconds: number } | undefined; exhausted: boolean; latencyMs: number | undefined } = {
    status502: 0,
    secondary: undefined,
    exhausted: false,
    latencyMs: undefined,
  };
  let requestCounter = 0;
  const runner = new WorkflowRunner(data, 'https://github.com');

  const rateHeaders = (): Record<string, string> => {
    const remaining = faults.exhausted ? 0 : Math.max(0, window.limit - window.used);
    return {
      'x-ratelimit-limit': String(window.limit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-used': String(faults.exhausted ? window.limit : window.used),
      'x-ratelimit-reset': String(window.resetAtMs / 1000),
      'x-ratelimit-resource': 'graphql',
    };
  };

  const handle = async (req: http.IncomingMessage, requestId: string): Promise<Answer> => {
    const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '');
    // The one REST call Lattice makes: a workflow_dispatch (GITHUB actions), GitHub.com or GHES shape.
    const dispatch = /^(?:\/api\/v3)?\/repos\/([^/]+)\/([^/]+)\/actions\/workflows\/([^/]+)\/dispatches$/.exec(path);
    if (req.method === 'POST' && dispatch) {
      if (!/^(?:bearer|token)\s+(\S+)\s*$/i.test(req.headers.authorization ?? '') || !(req.headers.authorization ?? '').endsWith(token)) return { status: 401, body: { message: 'Bad credentials' } };
      const body = JSON.parse((await readBody(req)) || '{}') as { ref?: string; inputs?: Record<string, unknown> };
      if (!body.ref) return { status: 422, body: { message: 'Invalid request: "ref" wasn\'t supplied.' } };
      const accepted = { owner: decodeURIComponent(dispatch[1]), repo: decodeURIComponent(dispatch[2]), workflow: decodeURIComponent(dispatch[3]), ref: body.ref, inputs: body.inputs ?? {} };
      stats.dispatches.push(accepted);
      await runner.start({ ...accepted, inputs: Object.fromEntries(Object.entries(accepted.inputs).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])) });
      return { status: 204, body: undefined };
    }
    if (req.method !== 'POST' || (path !== '/graphql' && path !== '/api/graphql')) {
      return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
    }
    if (faults.status502 > 0) {
      faults.status502--;
      return {
        status: 502,
        body: {
          data: null,
          errors: [{ message: `Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. Please include \`${requestId}\` when reporting this issue.` }],
        },
      };
    }
    const authorization = /^(?:bearer|token)\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!authorization) {
      return { status: 401, body: { message: 'This endpoint requires you to be authenticated.', documentation_url: `${DOCS}/guides/forming-calls-with-graphql#authenticating-with-graphql` } };
    }
    if (authorization[1] !== token) return { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } };

    const raw = await readBody(req);
    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(raw) as typeof body;
      if (!body || typeof body !== 'object') throw new Error('not an object');
    } catch {
      return { status: 400, body: { message: 'Problems parsing JSON', documentation_url: `${DOCS}` } };
    }

    if (Date.now() >= window.resetAtMs) window = newWindow();
    if (faults.secondary && faults.secondary.count > 0) {
      const { retryAfterSeconds } = faults.secondary;
      faults.secondary = faults.secondary.count > 1 ? { ...faults.secondary, count: faults.secondary.count - 1 } : undefined;
      return {
        status: 403,
        headers: { ...rateHeaders(), 'retry-after': String(retryAfterSeconds) },
        body: {
          documentation_url: `${DOCS}/overview/rate-limits-and-query-limits-for-the-graphql-api#secondary-rate-limits`,
          message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
        },
      };
    }
    if (faults.exhausted || window.used >= window.limit) {
      return { status: 200, headers: rateHeaders(), body: { errors: [{ type: 'RATE_LIMITED', message: `API rate limit already exceeded for user ID ${data.viewer.databaseId}.` }] } };
    }

    if (typeof body.query !== 'string') {
      return { status: 200, headers: rateHeaders(), body: { errors: [{ message: 'A query attribute must be specified and must be a string.' }] } };
    }
    const query = body.query;
    const variables = body.variables && typeof body.variables === 'object' ? (body.variables as Record<string, unknown>) : {};
    const operationName = typeof body.operationName === 'string' && body.operationName !== '' ? body.operationName : null;
    const record = (valid: boolean, errors: GitHubErrorJson[], cost = 0, nodeCount = 0): void => {
      stats.queries.push({ query, variables, operationName, valid, errors, cost, nodeCount });
    };
    const reject = (errors: GitHubErrorJson[], valid = false): Answer => {
      record(valid, errors);
      return { status: 200, headers: rateHeaders(), body: { errors } };
    };

    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return reject([validationErrorJson(error as GraphQLError)]);
    }
    const validationErrors = validate(schema, document);
    if (validationErrors.length > 0) return reject(validationErrors.map((e) => validationErrorJson(e, document)));
    const operation = getOperationAST(document, operationName);
    if (!operation) {
      const message = operationName ? `Unknown operation named "${operationName}".` : 'An operation name is required';
      return reject([{ message }]);
    }

    const limits = analyzeQuery(schema, document, operation, variables);
    if (limits.nodeLimitError) {
      const { type, message, locations } = limits.nodeLimitError;
      return reject([{ type, ...(locations ? { locations } : {}), message }]);
    }
    const dryRun = isDryRun(operation, variables);
    const remaining = window.limit - window.used;
    if (!dryRun && limits.cost > remaining) {
      return reject([{ type: 'RATE_LIMITED', message: `API rate limit exceeded for user ID ${data.viewer.databaseId}.` }], limits.paginationErrors.length === 0);
    }
    if (!dryRun) window.used += limits.cost;
    const rateLimit: RateLimitInfo = {
      __typename: 'RateLimit',
      cost: limits.cost,
      limit: window.limit,
      nodeCount: limits.nodeCount,
      remaining: window.limit - window.used,
      resetAt: new Date(window.resetAtMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      used: window.used,
    };
    const context: ResolverContext = { data, rateLimit, dryRun };
    const result = await execute({ schema, document, variableValues: variables, operationName, contextValue: context, fieldResolver });
    const errors = (result.errors ?? []).map(executionErrorJson);
    record(limits.paginationErrors.length === 0, errors, dryRun ? 0 : limits.cost, limits.nodeCount);
    const answer: Record<string, unknown> = {};
    if (result.data !== undefined) answer.data = result.data;
    if (errors.length) answer.errors = errors;
    return { status: 200, headers: rateHeaders(), body: answer };
  };

  const server = http.createServer((req, res) => {
    const requestId = `${(++requestCounter).toString(16).toUpperCase().padStart(4, '0')}:51A7:${Date.now().toString(16).toUpperCase().slice(-6)}`;
    if (req.method === 'POST') stats.requests++;
    const latency = faults.latencyMs ?? options.latencyMs ?? 0;
    void (async () => {
      let answer: Answer;
      try {
        if (latency > 0) await sleep(latency);
        answer = await handle(req, requestId);
      } catch (error) {
        answer = { status: 500, body: { message: `GitHub simulator error: ${(error as Error).message}` } };
      }
      stats.statuses[answer.status] = (stats.statuses[answer.status] ?? 0) + 1;
      const text = answer.body === undefined ? '' : JSON.stringify(answer.body); // 204: no body
      res.writeHead(answer.status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(text)),
        'x-github-request-id': requestId,
        'x-github-media-type': 'github.v4; format=json',
        ...answer.headers,
      });
      res.end(text);
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;

  return {
    url,
    graphqlUrl: `${url}/graphql`,
    enterpriseBaseUrl: `${url}/api/v3`,
    token,
    stats,
    data,
    setFaults(next: GitHubFaults): void {
      faults = {
        status502: next.status502 ?? 0,
        secondary: next.secondaryRateLimit && next.secondaryRateLimit.count > 0 ? { ...next.secondaryRateLimit } : undefined,
        exhausted: next.primaryRateLimitExhausted ?? false,
        latencyMs: next.latencyMs,
      };
    },
    deliverWebhooks: (target) => runner.deliverTo(target),
    workflowRuns: runner.runs,
    webhookDeliveries: runner.deliveries,
    actionsIdle: () => runner.idle(),
    reset(): void {
      runner.reset();
      faults = { status502: 0, secondary: undefined, exhausted: false, latencyMs: undefined };
      stats.requests = 0;
      for (const status of Object.keys(stats.statuses)) delete stats.statuses[Number(status)];
      stats.queries.length = 0;
      stats.dispatches.length = 0;
      window = newWindow();
      data.organizations = structuredClone(pristine);
    },
    close(): Promise<void> {
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

/** Whether the operation asks `rateLimit(dryRun: true)` at its root. */
function isDryRun(operation: OperationDefinitionNode, variables: Record<string, unknown>): boolean {
  return operation.selectionSet.selections.some((selection) => {
    if (selection.kind !== Kind.FIELD || selection.name.value !== 'rateLimit') return false;
    const arg = selection.arguments?.find((a) => a.name.value === 'dryRun');
    return arg !== undefined && valueFromAST(arg.value, GraphQLBoolean, variables) === true;
  });
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
