/**
 * The shapes of Lattice's configuration: what `loadConfig` (index.ts) produces from lattice.yaml
 * and the environment, frozen and validated. Every module that is configured imports its slice
 * from here; this module imports nothing of theirs.
 */

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Folder of blueprint files (JSON or YAML). */
  readonly blueprintsDir: string;
  /** Folder of catalog entity files (JSON or YAML). */
  readonly catalogDir: string;
  /** `strict` (default true): unknown keys in blueprint files are load errors; false makes them warnings. */
  readonly strict: boolean;
  /** Redis connection URL; when set, entities live in Redis (shared by replicas, durable). */
  readonly redisUrl: string | undefined;
  /** Prefix of every Redis key (default `lattice:`); tests set it to keep their data apart. */
  readonly redisPrefix?: string;
  /** Who may call: API tokens (hashed), JWTs (JWKS), anonymous queries. */
  readonly auth: AuthConfig;
  /** Folder of action definitions (Port format). */
  readonly actionsDir: string;
  /** Folder of automation definitions (Port format: `trigger.type: automation`). */
  readonly automationsDir: string;
  /** The loop guard: how many automations may fire one after another from one change (`automation.maxDepth`, default 5). */
  readonly automationMaxDepth: number;
  /** How many dependents (entities whose computed values or scorecard levels a change can change) one change observes at most (`automation.maxDependents`, default 1000). */
  readonly automationMaxDependents: number;
  /** Folder of scorecard definitions (Port format, `scorecards:` in lattice.yaml; default schema/scorecards). */
  readonly scorecardsDir: string;
  /** `secrets.*` of action templates: every LATTICE_SECRET_<NAME> variable, as NAME. Never logged. */
  readonly actionSecrets: Readonly<Record<string, string>>;
  /** LATTICE_SECRET_KEY (hex, ≥ 32 bytes): seals secret inputs and derives executor tokens; the same on every replica. */
  readonly secretKey: Uint8Array | undefined;
  /** LATTICE_WEBHOOK_SIGNING_SECRET: what webhook receivers verify X-Port-Signature with. */
  readonly webhookSigningSecret: string | undefined;
  /** LATTICE_QUEUE_STALLED_MS: with Redis, how soon a run held by a dead replica goes to another (BullMQ lock and stalled-check interval; default BullMQ's 30 s). */
  readonly queueStalledMs: number | undefined;
  /** Live sources (`sources:` in lattice.yaml), `${ENV}` references already expanded. */
  readonly sources: readonly SourceConfig[];
  /** Largest accepted request body in bytes (413 beyond). */
  readonly bodyLimitBytes: number;
  /** Watch the blueprint and catalog folders and reload on change. */
  readonly watch: boolean;
  /** `server.mode` (else `production` when NODE_ENV=production, else `development`): production turns off what helps an attacker map the API. */
  readonly mode: 'production' | 'development';
  /** `server.introspection`; default: on in development, off in production (HTTP and graphql-ws alike). */
  readonly introspection: boolean;
  /** `server.graphiql`: the GraphiQL page on GET /graphql; default: on in development, off in production. */
  readonly graphiql: boolean;
  /** `server.cors`: the origins browsers may call from (none by default: no cross-origin access). */
  readonly cors: CorsConfig;
  /** `server.federation`: whether the schema is a federation subgraph, and who may reach `_service` and `_entities` in production mode. */
  readonly federation: FederationConfig;
  /** `server.trustProxy`: proxies (addresses, CIDR ranges, `loopback`, `linklocal`, `uniquelocal`) whose X-Forwarded-For names the client; none by default. */
  readonly trustProxy: readonly string[];
  /** `websocket:`: limits of graphql-ws connections. */
  readonly websocket: WebSocketConfig;
  /** `rateLimits:`: request budgets per token and per IP. */
  readonly rateLimits: RateLimitsConfig;
  /** `trustedDocuments:`: the allow-list of operations; undefined: any document runs. */
  readonly trustedDocuments: TrustedDocumentsConfig | undefined;
  /**
   * `schema.breakingChanges`: what a reload with breaking schema changes does. `report` (the
   * default) serves it and reports each change; `refuse` refuses it, like an invalid file, when it
   * breaks a trusted document or an operation this process ran in the last 24 hours.
   */
  readonly breakingChanges: 'report' | 'refuse';
  readonly logLevel: string;
  /** The audit log (`audit:` in lattice.yaml): how many events the `auditLog` query keeps. */
  readonly audit: AuditConfig;
  /** Faults: Redis command timeout and re-seeding, webhook deliveries, the upstream circuit breaker. */
  readonly faults: FaultsConfig;
  /** Where the config came from, for logs. */
  readonly configFile: string | undefined;
  /** Operation limits (`limits:` in lattice.yaml): docs/security.md, "Operation limits". */
  readonly limits: LimitsConfig;
}

/** The limits one operation runs under (every one a positive whole number). */
export interface OperationLimits {
  /** Most fields nested in one another (introspection included). */
  readonly maxDepth: number;
  /** Most aliased fields in the operation (fragments counted where they are spread). */
  readonly maxAliases: number;
  /** Most fields at the root of the operation. */
  readonly maxRootFields: number;
  /** Largest estimated cost: every field 1, a connection's nodes times its page size. */
  readonly maxCost: number;
  /** Most fields resolved while executing (the answer's size, counted as it is built). */
  readonly maxNodes: number;
  /** Longest execution in milliseconds. */
  readonly timeoutMs: number;
}

export interface LimitsConfig {
  /** Most lexical tokens in a query document (the parser stops there); one value for everyone: parsing comes before the caller's roles matter. */
  readonly maxTokens: number;
  /** Bytes of parsed documents Apollo keeps (query text counted). */
  readonly documentCacheBytes: number;
  /** What every caller gets. */
  readonly defaults: OperationLimits;
  /** Per role: the limits that differ; a caller gets, limit by limit, the most generous of its roles. */
  readonly roles: Readonly<Record<string, Partial<OperationLimits>>>;
}

export interface SourceConfig {
  readonly name: string;
  readonly kind: string;
  readonly ttlSeconds?: number;
  readonly maxStaleSeconds?: number;
  /** Kind-specific options, validated by the source itself (e.g. org, url, token). */
  readonly options: Readonly<Record<string, unknown>>;
  /** Its `resources:`, then those of its `portAppConfig:` file (a Port `port-app-config.yml`), in order. */
  readonly resources: readonly ResourceConfig[];
  /** Where in the configuration file the source is, for errors. */
  readonly pointer: string;
}

/**
 * One `resources[]` entry of a source: which upstream objects map to which entities. Two shapes
 * (src/config/resourceSchema.ts): Lattice's (`entity.mappings`, jq over the objects of Lattice's
 * own upstream queries) and Port's `port-app-config` entry (`selector.query`, `port.entity.mappings`,
 * jq, the objects Port's Ocean integrations give), told apart by the `port` key.
 */
export type ResourceConfig = LatticeResourceConfig | PortResourceConfig;

/** The values of one entity mapping: expressions evaluated against the upstream object. */
export interface EntityMappingsConfig {
  readonly identifier: string;
  readonly blueprint: string;
  readonly title?: string;
  readonly icon?: string;
  readonly team?: string;
  /** One expression per property, or (Lattice's shape) one expression giving the whole object. */
  readonly properties?: Readonly<Record<string, string>> | string;
  /** Port's shape may map a relation to a search query whose strings are expressions (mapping.ts). */
  readonly relations?: Readonly<Record<string, string | RelationQueryConfig>> | string;
}

/** Port's "relation by search query" in a mapping: every string a jq expression. */
export interface RelationQueryConfig {
  readonly combinator: string;
  readonly rules: readonly (Readonly<Record<string, string>> | RelationQueryConfig)[];
}

export interface LatticeResourceConfig {
  readonly kind: string;
  readonly selector?: string;
  readonly options?: Readonly<Record<string, unknown>>;
  readonly entity: { readonly mappings: EntityMappingsConfig };
  readonly at?: ResourceLocation;
}

/** A resource entry exactly as Port's `port-app-config` writes it. */
export interface PortResourceConfig {
  readonly kind: string;
  /** `query` (jq, keeps an object when exactly true) and the kind's own options (`includedFiles`, `useGetResourceAPI`, ...). */
  readonly selector?: { readonly query?: string; readonly [option: string]: unknown };
  readonly port: {
    /** jq giving a list: one object per item, the mapping seeing the object with `.item` set to it. */
    readonly itemsToParse?: string;
    readonly entity: { readonly mappings: EntityMappingsConfig | readonly EntityMappingsConfig[] };
  };
  readonly at?: ResourceLocation;
}

/** Where a resource entry was written (lattice.yaml, or a `port-app-config.yml` a source names), for errors. */
export interface ResourceLocation {
  readonly file: string;
  /** The entry's JSON pointer in that file (`/sources/0/resources/1`, `/resources/1`). */
  readonly pointer: string;
  /** Line and column of the entry's values, by JSON pointer relative to the entry (`/port/entity/mappings/identifier`). */
  readonly positions: Readonly<Record<string, { readonly line: number; readonly column: number }>>;
}

export interface CorsConfig {
  /** Exact origins (`https://portal.example.com`) allowed to call cross-origin; empty: none. */
  readonly origins: readonly string[];
}

export interface FederationConfig {
  /** Serve the schema as an Apollo Federation v2 subgraph: `_service`, `_entities`, `_Any` and the federation directives (default false: a client's schema has none of them). */
  readonly enabled: boolean;
  /** Callers with one of these roles (API token or JWT) may query `_service` and `_entities` in production mode (default `Federation`). */
  readonly roles: readonly string[];
}

export interface WebSocketConfig {
  /** Operations one connection may run at once (default 100); the next `subscribe` gets TOO_MANY_SUBSCRIPTIONS. */
  readonly maxSubscriptions: number;
  /** Open connections one client IP may hold (default 50); the next is closed with 1008. */
  readonly maxConnectionsPerIp: number;
}

export interface RateLimitsConfig {
  /** Off: no budget at all (benchmarks). Default on. */
  readonly enabled: boolean;
  /** Operations per window for one authenticated caller (token or JWT user); default 1200. */
  readonly points: number;
  /** Operations per window for one client IP calling anonymously; default 600. */
  readonly anonymousPoints: number;
  /** The window in seconds; default 60. */
  readonly windowSeconds: number;
  /** Per-role budgets (the largest of the caller's roles wins); `off` means no limit for that role. */
  readonly roles: Readonly<Record<string, number | 'off'>>;
}

export interface TrustedDocumentsConfig {
  /** `enforce`: only listed documents run; `allow` (default): ids and full queries both run. */
  readonly mode: 'enforce' | 'allow';
  /** JSON manifests `{ "<id>": "<query>" }`, absolute (relative to lattice.yaml in the file). */
  readonly manifests: readonly string[];
  /** Also look ids up in the Redis hash `<prefix>trusted-documents` (needs `redis.url`). */
  readonly redis: boolean;
  /** Callers with one of these roles may send any document in `enforce` mode (default none). */
  readonly bypassRoles: readonly string[];
}

export interface FaultsConfig {
  /** `redis.commandTimeoutMs`: a Redis command unanswered this long fails (STORE_UNAVAILABLE); default 2000. */
  readonly commandTimeoutMs: number;
  /** `redis.reseedCheckMs`: how often the catalog marker is checked, to re-seed a Redis found empty; default 10000. */
  readonly reseedCheckMs: number;
  /** `webhooks.deliveryTtlSeconds`: how long a webhook delivery id is remembered (replays refused); default 86400. */
  readonly deliveryTtlSeconds: number;
  /** `circuitBreaker`: consecutive upstream failures that open a source's circuit, and for how long. */
  readonly circuitBreaker: { readonly failures: number; readonly cooldownMs: number };
}

export interface AuditConfig {
  /** Events kept for the `auditLog` query (Redis stream MAXLEN, or the in-process ring buffer); default 10,000. */
  readonly maxEvents: number;
}

export interface AuthConfig {
  readonly anonymous: boolean;
  readonly tokens: readonly ApiTokenConfig[];
  readonly jwt?: JwtConfig;
}

export interface ApiTokenConfig {
  readonly name: string;
  /** Hex SHA-256 of the token: `printf %s "$TOKEN" | sha256sum`. */
  readonly sha256: string;
  readonly user: string;
  readonly teams?: readonly string[];
  readonly roles?: readonly string[];
}

export interface JwtConfig {
  readonly jwksUrl?: string;
  readonly jwksFile?: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** Claim names (defaults: user ← `email` then `sub`, teams ← `groups`, roles ← `roles`). */
  readonly claims?: { readonly user?: string; readonly teams?: string; readonly roles?: string };
}
