import { resourceSchema } from './resourceSchema.ts';

const positive = { type: 'integer', minimum: 1 };
/** The limits an operation runs under, as `limits:` and each `limits.roles.<Role>:` give them. */
const operationLimits = {
  maxDepth: positive,
  maxAliases: { type: 'integer', minimum: 0 },
  maxRootFields: positive,
  maxCost: positive,
  maxNodes: positive,
  timeoutMs: positive,
};

/**
 * The JSON Schema of lattice.yaml (ajv): unknown keys are refused, every value checked, so a
 * mistake is reported with its key, line and column before anything starts.
 */
export const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    server: {
      type: 'object',
      additionalProperties: false,
      properties: {
        port: { type: 'integer', minimum: 0, maximum: 65535 },
        host: { type: 'string', minLength: 1 },
        bodyLimitBytes: { type: 'integer', minimum: 1024 },
        introspection: { type: 'boolean' },
        mode: { enum: ['production', 'development'] },
        graphiql: { type: 'boolean' },
        cors: { type: 'object', additionalProperties: false, properties: { origins: { type: 'array', items: { type: 'string', pattern: '^https?://[^/]+$' } } } },
        trustProxy: { type: 'array', items: { type: 'string', minLength: 1 } },
        federation: { type: 'object', additionalProperties: false, properties: { enabled: { type: 'boolean' }, roles: { type: 'array', items: { type: 'string', minLength: 1 } } } },
      },
    },
    websocket: {
      type: 'object',
      additionalProperties: false,
      properties: { maxSubscriptions: { type: 'integer', minimum: 1 }, maxConnectionsPerIp: { type: 'integer', minimum: 1 } },
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { breakingChanges: { enum: ['report', 'refuse'] } },
    },
    trustedDocuments: {
      type: 'object',
      additionalProperties: false,
      properties: {
        mode: { enum: ['enforce', 'allow'] },
        manifests: { type: 'array', items: { type: 'string', minLength: 1 } },
        redis: { type: 'boolean' },
        bypassRoles: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
    },
    rateLimits: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        points: { type: 'integer', minimum: 1 },
        anonymousPoints: { type: 'integer', minimum: 1 },
        windowSeconds: { type: 'integer', minimum: 1 },
        roles: { type: 'object', additionalProperties: { anyOf: [{ type: 'integer', minimum: 1 }, { const: 'off' }] } },
      },
    },
    blueprints: { type: 'string', minLength: 1 },
    catalog: { type: 'string', minLength: 1 },
    strict: { type: 'boolean' },
    watch: { type: 'boolean' },
    redis: {
      type: 'object',
      additionalProperties: false,
      properties: {
        url: { type: 'string', pattern: '^rediss?://' },
        prefix: { type: 'string', minLength: 1 },
        commandTimeoutMs: { type: 'integer', minimum: 1 },
        reseedCheckMs: { type: 'integer', minimum: 100 },
      },
    },
    webhooks: { type: 'object', additionalProperties: false, properties: { deliveryTtlSeconds: { type: 'integer', minimum: 1 } } },
    circuitBreaker: { type: 'object', additionalProperties: false, properties: { failures: { type: 'integer', minimum: 1 }, cooldownMs: { type: 'integer', minimum: 1 } } },
    log: { type: 'object', additionalProperties: false, properties: { level: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] } } },
    auth: {
      type: 'object',
      additionalProperties: false,
      properties: {
        anonymous: { type: 'boolean' },
        tokens: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'sha256', 'user'],
            additionalProperties: false,
            properties: {
              name: { type: 'string', minLength: 1 },
              sha256: { type: 'string', pattern: '^[0-9a-fA-F]{64}$' },
              user: { type: 'string', minLength: 1 },
              teams: { type: 'array', items: { type: 'string' } },
              roles: { type: 'array', items: { type: 'string' } },
            },
          },
        },
        jwt: {
          type: 'object',
          additionalProperties: false,
          properties: {
            jwksUrl: { type: 'string', pattern: '^https?://' },
            jwksFile: { type: 'string' },
            issuer: { type: 'string' },
            audience: { type: 'string' },
            claims: { type: 'object', additionalProperties: false, properties: { user: { type: 'string' }, teams: { type: 'string' }, roles: { type: 'string' } } },
          },
        },
      },
    },
    audit: { type: 'object', additionalProperties: false, properties: { maxEvents: { type: 'integer', minimum: 1, maximum: 10000000 } } },
    actions: { type: 'string', minLength: 1 },
    automations: { type: 'string', minLength: 1 },
    automation: { type: 'object', additionalProperties: false, properties: { maxDepth: { type: 'integer', minimum: 1, maximum: 100 }, maxDependents: { type: 'integer', minimum: 0, maximum: 1000000 } } },
    scorecards: { type: 'string', minLength: 1 },
    limits: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ...operationLimits,
        maxTokens: positive,
        documentCacheBytes: { type: 'integer', minimum: 65536 },
        roles: { type: 'object', additionalProperties: { type: 'object', additionalProperties: false, properties: operationLimits } },
      },
    },
    sources: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'kind'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
          kind: { type: 'string' },
          ttlSeconds: { type: 'number', exclusiveMinimum: 0 },
          maxStaleSeconds: { type: 'number', minimum: 0 },
          options: { type: 'object' },
          resources: { type: 'array', items: resourceSchema },
          portAppConfig: { type: 'string', minLength: 1 },
        },
      },
    },
  },
};
