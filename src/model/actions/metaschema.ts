/**
 * The meta-schema of Port's self-service action format (JSON Schema, checked with ajv).
 *
 * As for blueprints, two variants come from one definition: `actionSchema` accepts unknown keys
 * (an action exported from Port must load) and `strictActionSchema` forbids them, so the loader
 * can warn about each unknown key without rejecting it. Maps whose keys are the user's own (the
 * webhook body, headers, mapped properties, JSON Schema `properties` of object inputs) never warn.
 *
 * The invocation method is checked with one `if`/`then` per type rather than `oneOf`, so an error
 * names the wrong key of the chosen type and not "must match exactly one schema".
 */

/** Port's string formats for user inputs, plus `entity` (an entity of `blueprint`, by identifier). */
import { forbidExtraKeys } from '../files/strictSchema.ts';
import { DURATION_PATTERN } from '../duration.ts';
import { PORT_READ_ONLY_KEYS } from '../files/portResponse.ts';
export const INPUT_FORMATS = [
  'date-time', 'url', 'email', 'idn-email', 'ipv4', 'ipv6', 'yaml', 'entity', 'user', 'team',
  'proto', 'markdown', 'multi-line', 'timer', 'labeled-url',
] as const;

const identifier = { type: 'string', pattern: '^[A-Za-z0-9@_.+:\\\\/=-]+$', minLength: 1, maxLength: 100 };
const stringList = { type: 'array', items: { type: 'string' }, uniqueItems: true };
const inputTypes = ['string', 'number', 'integer', 'boolean', 'object', 'array'];

/** Keys a user input (or its `items`) may have: JSON Schema keywords and Port's own. */
const inputKeys = {
  type: { enum: inputTypes },
  title: { type: 'string' },
  description: { type: 'string' },
  icon: { type: 'string' },
  format: { enum: [...INPUT_FORMATS] },
  blueprint: identifier,
  enum: { type: 'array', minItems: 1 },
  enumColors: { type: 'object', additionalProperties: { type: 'string' } },
  const: {},
  default: {},
  encryption: { enum: ['aes256-gcm'] },
  pattern: { type: 'string' },
  minLength: { type: 'integer', minimum: 0 },
  maxLength: { type: 'integer', minimum: 0 },
  minimum: { type: 'number' },
  maximum: { type: 'number' },
  exclusiveMinimum: { type: 'number' },
  exclusiveMaximum: { type: 'number' },
  multipleOf: { type: 'number', exclusiveMinimum: 0 },
  minItems: { type: 'integer', minimum: 0 },
  maxItems: { type: 'integer', minimum: 0 },
  uniqueItems: { type: 'boolean' },
  // An object input's own JSON Schema: its keys are the user's, so no strictness below.
  properties: { type: 'object' },
  required: { type: 'array', items: { type: 'string' } },
  additionalProperties: {},
  // Port's form keys: accepted, not used by Lattice.
  dependsOn: stringList,
  visible: {},
  disabled: {},
  dataset: { type: 'object' },
  sort: { type: 'object' },
  spec: { type: 'string' },
  specAuthentication: { type: 'object' },
};

const inputSchema = {
  type: 'object',
  required: ['type'],
  properties: { ...inputKeys, items: { type: 'object', required: ['type'], properties: inputKeys } },
};

const triggerSchema = {
  type: 'object',
  required: ['type', 'operation', 'userInputs'],
  properties: {
    type: { const: 'self-service' },
    operation: { enum: ['CREATE', 'DAY-2', 'DELETE'] },
    blueprintIdentifier: identifier,
    userInputs: {
      type: 'object',
      required: ['properties'],
      properties: {
        properties: { type: 'object', propertyNames: identifier, additionalProperties: inputSchema },
        required: stringList,
        order: stringList,
        titles: { type: 'object' },
        steps: { type: 'array' },
      },
    },
    condition: {
      type: 'object',
      required: ['combinator', 'rules'],
      properties: { type: { const: 'SEARCH' }, combinator: { enum: ['and', 'or'] }, rules: { type: 'array' } },
    },
  },
};

const webhookSchema = {
  type: 'object',
  required: ['url'],
  properties: {
    type: {},
    url: { type: 'string', minLength: 1 },
    agent: { type: 'boolean' },
    synchronized: { type: 'boolean' },
    method: { enum: ['POST', 'PUT', 'PATCH', 'DELETE'] },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    body: {},
  },
};

const githubSchema = {
  type: 'object',
  required: ['org', 'repo', 'workflow'],
  properties: {
    type: {},
    org: { type: 'string', minLength: 1 },
    repo: { type: 'string', minLength: 1 },
    workflow: { type: 'string', minLength: 1 },
    workflowInputs: { type: 'object', maxProperties: 10 },
    reportWorkflowStatus: { type: 'boolean' },
    ref: { type: 'string', minLength: 1 },
  },
};

const kubernetesSchema = {
  type: 'object',
  required: ['operation'],
  properties: {
    type: {},
    cluster: { type: 'string', minLength: 1 },
    operation: { enum: ['scale', 'patch', 'createJob', 'apply', 'delete'] },
    resource: {
      type: 'object',
      required: ['apiVersion', 'kind', 'name'],
      properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, namespace: { type: 'string' }, name: { type: 'string' } },
    },
    replicas: {},
    patchType: { enum: ['merge', 'strategic', 'json'] },
    patch: {},
    namespace: { type: 'string', minLength: 1 },
    job: { type: 'object' },
    objects: { type: 'array', items: { type: 'object' }, minItems: 1 },
  },
  allOf: [
    { if: { required: ['operation'], properties: { operation: { const: 'scale' } } }, then: { required: ['resource', 'replicas'] } },
    { if: { required: ['operation'], properties: { operation: { const: 'patch' } } }, then: { required: ['resource', 'patchType', 'patch'] } },
    { if: { required: ['operation'], properties: { operation: { const: 'createJob' } } }, then: { required: ['namespace', 'job'] } },
    { if: { required: ['operation'], properties: { operation: { const: 'apply' } } }, then: { required: ['objects'] } },
    { if: { required: ['operation'], properties: { operation: { const: 'delete' } } }, then: { required: ['resource'] } },
  ],
};

const upsertEntitySchema = {
  type: 'object',
  required: ['blueprintIdentifier', 'mapping'],
  properties: {
    type: {},
    blueprintIdentifier: identifier,
    mapping: {
      type: 'object',
      required: ['identifier'],
      properties: {
        identifier: { type: 'string', minLength: 1 },
        title: { type: 'string' },
        icon: { type: 'string' },
        team: {},
        // Keys are property / relation identifiers (or templates): the user's own.
        properties: { type: 'object' },
        relations: { type: 'object' },
      },
    },
  },
};

const whenType = (type: string, then: unknown) => ({ if: { required: ['type'], properties: { type: { const: type } } }, then });

export const invocationSchema = {
  type: 'object',
  required: ['type'],
  allOf: [
    { properties: { type: { enum: ['WEBHOOK', 'GITHUB', 'KUBERNETES', 'UPSERT_ENTITY'] } } },
    whenType('WEBHOOK', webhookSchema),
    whenType('GITHUB', githubSchema),
    whenType('KUBERNETES', kubernetesSchema),
    whenType('UPSERT_ENTITY', upsertEntitySchema),
  ],
};

const permissionRule = {
  type: 'object',
  properties: {
    roles: stringList,
    users: stringList,
    teams: stringList,
    ownedByTeam: { type: 'boolean' },
    // Port's dynamic permissions (policy.ts): queries checked and conditions compiled by rules.ts.
    policy: {
      type: 'object',
      required: ['queries', 'conditions'],
      additionalProperties: false,
      properties: {
        queries: { type: 'object', additionalProperties: { type: 'object' } },
        conditions: { type: 'array', minItems: 1, items: { type: 'string' } },
      },
    },
  },
};

const definition = {
  type: 'object',
  required: ['identifier', 'trigger', 'invocationMethod'],
  properties: {
    identifier,
    title: { type: 'string' },
    icon: { type: 'string' },
    description: { type: 'string' },
    trigger: triggerSchema,
    invocationMethod: invocationSchema,
    requiredApproval: {
      anyOf: [
        { type: 'boolean' },
        { type: 'object', required: ['type'], properties: { type: { enum: ['ANY', 'ALL'] }, allowSelfApproval: { type: 'boolean' } } },
      ],
    },
    approvalNotification: {
      type: 'object',
      required: ['type'],
      properties: { type: { enum: ['email', 'webhook'] }, url: { type: 'string' }, format: { enum: ['json', 'slack'] } },
    },
    permissions: {
      type: 'object',
      properties: { execute: permissionRule, approve: permissionRule, viewRuns: { enum: ['involved', 'everyone'] } },
    },
    timerPolicy: {
      type: 'object',
      required: ['property', 'extendBy'],
      properties: {
        property: identifier,
        extendBy: { type: 'string', pattern: DURATION_PATTERN },
        maxExtensions: { type: 'integer', minimum: 0 },
        maxLifetime: { type: 'string', pattern: DURATION_PATTERN },
        extensionsProperty: identifier,
        startProperty: identifier,
        overCap: { enum: ['approval', 'refuse'] },
      },
    },
    // Lattice's gates: scorecard levels the entity must have (src/model/scorecards/gates.ts).
    gates: {
      type: 'array',
      items: {
        type: 'object',
        required: ['scorecard', 'level'],
        properties: { scorecard: identifier, level: { type: 'string', minLength: 1 }, if: { type: 'string', minLength: 1 }, description: { type: 'string' } },
      },
    },
    // Keys Port has that Lattice accepts and does not use.
    publish: { type: 'boolean' },
    ...PORT_READ_ONLY_KEYS,
  },
};

export const actionSchema = definition;

/** The same schema with `additionalProperties: false` wherever it lists `properties`. */
export const strictActionSchema = forbidExtraKeys(definition);
