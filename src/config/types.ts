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
  /** Redis connection URL; when set, entities live in Redis (shared by replicas, durable). */
  readonly redisUrl: string | undefined;
  /** Prefix of every Redis key (default `lattice:`); tests set it to keep their data apart. */
  readonly redisPrefix?: string;
  /** Who may call: API tokens (hashed), JWTs (JWKS), anonymous queries. */
  readonly auth: AuthConfig;
  /** Folder of action definitions (Port format). */
  readonly actionsDir: string;
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
  readonly introspection: boolean;
  readonly logLevel: string;
  /** The audit log (`audit:` in lattice.yaml): how many events the `auditLog` query keeps. */
  readonly audit: AuditConfig;
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
  readonly resources: readonly ResourceConfig[];
  /** Where in the configuration file the source is, for errors. */
  readonly pointer: string;
}

/** One `resources[]` entry of a source: which upstream objects map to which entities (JSONata). */
export interface ResourceConfig {
  readonly kind: string;
  readonly selector?: string;
  readonly options?: Readonly<Record<string, unknown>>;
  readonly entity: {
    readonly mappings: {
      readonly identifier: string;
      readonly blueprint: string;
      readonly title?: string;
      readonly icon?: string;
      readonly team?: string;
      /** One expression per property, or one expression giving the whole object. */
      readonly properties?: Readonly<Record<string, string>> | string;
      readonly relations?: Readonly<Record<string, string>> | string;
    };
  };
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
