/**
 * loadConfig: `lattice.yaml` (path in LATTICE_CONFIG, else ./lattice.yaml when present) plus the
 * environment → one frozen, validated Config. Nothing else in Lattice reads process.env.
 *
 * Environment wins over the file: PORT, HOST, REDIS_URL, LOG_LEVEL. Errors name the key (JSON
 * pointer) and, for the file, its line and column.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import proxyaddr from 'proxy-addr';
import { ErrorCodes, LatticeError, LatticeErrors, type ErrorLocation } from '../errors/index.ts';
import { parseDocument } from '../model/files/parseDocument.ts';
import { resourceExpressionProblems } from './expressions.ts';
import { schemaErrors, sourceResources } from './resources.ts';
import { configSchema } from './schema.ts';
import type { AuthConfig, Config, LimitsConfig, OperationLimits, RateLimitsConfig, SourceConfig, WebSocketConfig } from './types.ts';

const validate = new Ajv({ allErrors: true, strict: false }).compile(configSchema);

interface FileConfig {
  sources?: (Omit<SourceConfig, 'pointer' | 'resources'> & { resources?: SourceConfig['resources']; portAppConfig?: string })[];
  auth?: Partial<AuthConfig>;
  audit?: { maxEvents?: number };
  actions?: string;
  automations?: string;
  automation?: { maxDepth?: number; maxDependents?: number };
  scorecards?: string;
  server?: { port?: number; host?: string; bodyLimitBytes?: number; introspection?: boolean; mode?: Config['mode']; graphiql?: boolean; cors?: { origins?: string[] }; trustProxy?: string[]; federation?: { enabled?: boolean; roles?: string[] } };
  websocket?: Partial<WebSocketConfig>;
  rateLimits?: Partial<RateLimitsConfig>;
  trustedDocuments?: { mode?: 'enforce' | 'allow'; manifests?: string[]; redis?: boolean; bypassRoles?: string[] };
  schema?: { breakingChanges?: 'report' | 'refuse' };
  blueprints?: string;
  catalog?: string;
  strict?: boolean;
  watch?: boolean;
  redis?: { url?: string; prefix?: string; commandTimeoutMs?: number; reseedCheckMs?: number };
  webhooks?: { deliveryTtlSeconds?: number };
  circuitBreaker?: { failures?: number; cooldownMs?: number };
  log?: { level?: string };
  limits?: Partial<OperationLimits> & { maxTokens?: number; documentCacheBytes?: number; roles?: Record<string, Partial<OperationLimits>> };
}

/** The limits without a `limits:` block: docs/security.md explains each figure. */
const DEFAULT_LIMITS: LimitsConfig = Object.freeze({
  maxTokens: 10_000,
  documentCacheBytes: 32 * 1024 * 1024,
  defaults: Object.freeze({ maxDepth: 15, maxAliases: 30, maxRootFields: 20, maxCost: 10_000_000, maxNodes: 100_000, timeoutMs: 30_000 }),
  roles: Object.freeze({}),
});

function limitsFrom(file: FileConfig['limits'] = {}): LimitsConfig {
  const { maxTokens, documentCacheBytes, roles, ...defaults } = file;
  return {
    maxTokens: maxTokens ?? DEFAULT_LIMITS.maxTokens,
    documentCacheBytes: documentCacheBytes ?? DEFAULT_LIMITS.documentCacheBytes,
    defaults: { ...DEFAULT_LIMITS.defaults, ...defaults },
    roles: roles ?? {},
  };
}

export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env, cwd = process.cwd()): Config {
  const configFile = env.LATTICE_CONFIG ? path.resolve(cwd, env.LATTICE_CONFIG) : existsSync(path.join(cwd, 'lattice.yaml')) ? path.join(cwd, 'lattice.yaml') : undefined;
  let file: FileConfig = {};
  let locate = (pointer: string): ErrorLocation => ({ pointer });
  if (configFile) {
    if (!existsSync(configFile)) throw new LatticeError(ErrorCodes.INVALID_CONFIG, `LATTICE_CONFIG names ${configFile}, which does not exist`, { location: { file: configFile } });
    const doc = parseDocument(configFile, readFileSync(configFile, 'utf8'));
    const value = doc.value ?? {};
    if (!validate(value)) throw new LatticeErrors(schemaErrors(validate.errors ?? [], doc.locate));
    file = expandEnv(value, env, '', doc.locate) as FileConfig;
    const expressionProblems = resourceExpressionProblems(file.sources, doc.locate);
    if (expressionProblems.length > 0) throw new LatticeErrors(expressionProblems);
    locate = doc.locate;
    (file.server?.trustProxy ?? []).forEach((entry, i) => {
      const invalid = invalidTrustProxy(entry);
      if (invalid) throw new LatticeError(ErrorCodes.INVALID_CONFIG, `"server.trustProxy.${i}" must be an IP address, a CIDR range, or loopback, linklocal, uniquelocal: ${invalid}`, { location: doc.locate(`/server/trustProxy/${i}`) });
    });
  }
  const base = configFile ? path.dirname(configFile) : cwd;
  const port = env.PORT !== undefined ? envInt('PORT', env.PORT) : (file.server?.port ?? 4000);
  const mode = file.server?.mode ?? (env.NODE_ENV === 'production' ? 'production' : 'development');
  const redisUrl = env.REDIS_URL || file.redis?.url || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new LatticeError(ErrorCodes.INVALID_CONFIG, 'REDIS_URL must start with redis:// or rediss://', { details: { key: 'REDIS_URL' } });
  return Object.freeze({
    port,
    host: env.HOST ?? file.server?.host ?? '0.0.0.0',
    blueprintsDir: path.resolve(base, file.blueprints ?? 'schema/blueprints'),
    catalogDir: path.resolve(base, file.catalog ?? 'catalog'),
    strict: file.strict ?? true,
    redisUrl,
    redisPrefix: file.redis?.prefix,
    bodyLimitBytes: file.server?.bodyLimitBytes ?? 1024 * 1024,
    watch: file.watch ?? true,
    mode,
    introspection: file.server?.introspection ?? mode === 'development',
    graphiql: file.server?.graphiql ?? mode === 'development',
    cors: { origins: file.server?.cors?.origins ?? [] },
    federation: { enabled: file.server?.federation?.enabled ?? false, roles: file.server?.federation?.roles ?? ['Federation'] },
    trustProxy: file.server?.trustProxy ?? [],
    websocket: { maxSubscriptions: file.websocket?.maxSubscriptions ?? 100, maxConnectionsPerIp: file.websocket?.maxConnectionsPerIp ?? 50 },
    rateLimits: {
      enabled: file.rateLimits?.enabled ?? true,
      points: file.rateLimits?.points ?? 1200,
      anonymousPoints: file.rateLimits?.anonymousPoints ?? 600,
      windowSeconds: file.rateLimits?.windowSeconds ?? 60,
      roles: file.rateLimits?.roles ?? {},
    },
    trustedDocuments: file.trustedDocuments && {
      mode: file.trustedDocuments.mode ?? 'allow',
      manifests: (file.trustedDocuments.manifests ?? []).map((m) => path.resolve(base, m)),
      redis: file.trustedDocuments.redis ?? false,
      bypassRoles: file.trustedDocuments.bypassRoles ?? [],
    },
    breakingChanges: file.schema?.breakingChanges ?? 'report',
    logLevel: env.LOG_LEVEL ?? file.log?.level ?? 'info',
    configFile,
    sources: (file.sources ?? []).map(({ portAppConfig, ...s }, i) => ({ ...s, options: s.options ?? {}, resources: sourceResources({ resources: s.resources, portAppConfig }, i, configFile, base, locate), pointer: `/sources/${i}` })),
    auth: {
      anonymous: file.auth?.anonymous ?? true,
      tokens: file.auth?.tokens ?? [],
      jwt: file.auth?.jwt && { ...file.auth.jwt, jwksFile: file.auth.jwt.jwksFile && path.resolve(base, file.auth.jwt.jwksFile) },
    },
    audit: { maxEvents: file.audit?.maxEvents ?? 10_000 },
    faults: {
      commandTimeoutMs: file.redis?.commandTimeoutMs ?? 2000,
      reseedCheckMs: file.redis?.reseedCheckMs ?? 10_000,
      deliveryTtlSeconds: file.webhooks?.deliveryTtlSeconds ?? 86_400,
      circuitBreaker: { failures: file.circuitBreaker?.failures ?? 5, cooldownMs: file.circuitBreaker?.cooldownMs ?? 30_000 },
    },
    limits: limitsFrom(file.limits),
    actionsDir: path.resolve(base, file.actions ?? 'schema/actions'),
    automationsDir: path.resolve(base, file.automations ?? 'schema/automations'),
    automationMaxDepth: file.automation?.maxDepth ?? 5,
    automationMaxDependents: file.automation?.maxDependents ?? 1000,
    scorecardsDir: path.resolve(base, file.scorecards ?? 'schema/scorecards'),
    actionSecrets: Object.fromEntries(Object.entries(env).flatMap(([k, v]) => (k.startsWith('LATTICE_SECRET_') && k !== 'LATTICE_SECRET_KEY' && v !== undefined ? [[k.slice('LATTICE_SECRET_'.length), v]] : []))),
    secretKey: env.LATTICE_SECRET_KEY ? secretKeyFrom(env.LATTICE_SECRET_KEY) : undefined,
    webhookSigningSecret: env.LATTICE_WEBHOOK_SIGNING_SECRET || undefined,
    queueStalledMs: env.LATTICE_QUEUE_STALLED_MS ? envPositiveInt('LATTICE_QUEUE_STALLED_MS', env.LATTICE_QUEUE_STALLED_MS) : undefined,
  });
}

/** Why an entry of `server.trustProxy` is not an address, a range or a name proxy-addr knows (what src/server/clientIp.ts compiles); undefined when it is. */
function invalidTrustProxy(entry: string): string | undefined {
  try {
    proxyaddr.compile(entry);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** What `lattice run` (the CLI) takes from the environment: LATTICE_TOKEN, LATTICE_URL. */
export function loadCliEnv(env: Readonly<Record<string, string | undefined>> = process.env): { readonly token: string | undefined; readonly url: string | undefined } {
  return { token: env.LATTICE_TOKEN || undefined, url: env.LATTICE_URL || undefined };
}

/**
 * Expands `${NAME}` and `${NAME:-default}` in every string of the file from the environment, so
 * secrets (tokens) stay out of the file. An unset variable without a default is an error naming it.
 */
function expandEnv(value: unknown, env: Readonly<Record<string, string | undefined>>, pointer: string, locate: (p: string) => LatticeError['location']): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_m, name: string, fallback: string | undefined) => {
      const v = env[name] ?? fallback;
      if (v === undefined) throw new LatticeError(ErrorCodes.INVALID_CONFIG, `environment variable ${name} is not set (used at ${pointer})`, { location: locate(pointer) });
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => expandEnv(v, env, `${pointer}/${i}`, locate));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandEnv(v, env, `${pointer}/${k}`, locate)]));
  return value;
}

function secretKeyFrom(value: string): Uint8Array {
  const key = Buffer.from(value, 'hex');
  if (!/^[0-9a-fA-F]+$/.test(value) || key.length < 32) throw new LatticeError(ErrorCodes.INVALID_CONFIG, 'LATTICE_SECRET_KEY must be at least 32 bytes in hex (openssl rand -hex 32)', { details: { key: 'LATTICE_SECRET_KEY' } });
  return key;
}

function envInt(key: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new LatticeError(ErrorCodes.INVALID_CONFIG, `${key} must be a port number (0-65535), got "${value}"`, { details: { key } });
  return n;
}

function envPositiveInt(key: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new LatticeError(ErrorCodes.INVALID_CONFIG, `${key} must be a positive whole number of milliseconds, got "${value}"`, { details: { key } });
  return n;
}

/** A Redis URL with its password replaced, safe to log. */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '***';
  }
}
