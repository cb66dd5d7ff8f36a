/**
 * The stable error codes of Lattice: they appear as `extensions.code` in GraphQL errors and in
 * logs. Add codes with intention; never rename one (clients match on them).
 */
export const ErrorCodes = {
  /** A JSON or YAML file could not be parsed. */
  SYNTAX_ERROR: 'SYNTAX_ERROR',
  /** A blueprint does not follow the Port blueprint format or breaks a rule of the model. */
  INVALID_BLUEPRINT: 'INVALID_BLUEPRINT',
  /** Two things would get one GraphQL name. */
  NAME_COLLISION: 'NAME_COLLISION',
  /** An entity does not match its blueprint; or the entity an action runs on is missing, not allowed, or fails the action's condition. */
  INVALID_ENTITY: 'INVALID_ENTITY',
  /** The configuration (lattice.yaml or environment) is invalid. */
  INVALID_CONFIG: 'INVALID_CONFIG',
  /** A reload would break an operation clients use (`schema.breakingChanges: refuse`): refused, the last good schema keeps serving. */
  BREAKING_CHANGE: 'BREAKING_CHANGE',
  /** The server cannot listen: its port (PORT / server.port) is taken by another process. */
  PORT_IN_USE: 'PORT_IN_USE',
  /** An argument of a query or mutation is invalid (filter, cursor, search rule…). */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The entity or blueprint asked for does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** A relation points at an entity that does not exist. */
  DANGLING_RELATION: 'DANGLING_RELATION',
  /** A calculation or mirror property could not be computed for one entity. */
  CALCULATION_FAILED: 'CALCULATION_FAILED',
  /** A write was refused because another owner manages the entity. */
  CONFLICT: 'CONFLICT',
  /** A live source's upstream failed or answered with an error. */
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /** A live source's upstream refused because of its rate limit; or the caller spent its request budget (`rateLimits:`, HTTP 429 with Retry-After). */
  RATE_LIMITED: 'RATE_LIMITED',
  /** A live source's upstream did not answer in time. */
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  /** The caller's credentials are missing or invalid. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The caller may not do this (execute or approve an action, see a run). */
  FORBIDDEN: 'FORBIDDEN',
  /** A store (in-process or Redis) failed. */
  STORE_UNAVAILABLE: 'STORE_UNAVAILABLE',
  /** A request or graphql-ws message is malformed (e.g. a `subscribe` without a string query); the socket stays open. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** A graphql-ws connection already runs `websocket.maxSubscriptions` operations. */
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  /** A request names a trusted document (`documentId`, `extensions.persistedQuery.sha256Hash`) that is not on the list. */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** `trustedDocuments.mode: enforce` and the request sent a document that is not on the list. */
  PERSISTED_QUERY_NOT_ALLOWED: 'PERSISTED_QUERY_NOT_ALLOWED',

  // Operation limits (src/server/limits, docs/security.md "Operation limits").
  /** Refused before execution: the operation's estimated cost, depth, aliases or root fields are over the caller's limit (`limitName`, `measured`, `limit`). */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** Stopped during execution: the answer reached the caller's most resolved fields (`limit`). */
  RESPONSE_TOO_LARGE: 'RESPONSE_TOO_LARGE',
  /** Stopped during execution: it ran longer than the caller's timeout (`limit`, milliseconds). */
  EXECUTION_TIMEOUT: 'EXECUTION_TIMEOUT',
  /** Stopped during execution: the client went away (HTTP connection closed, graphql-ws `complete` or socket closed). */
  OPERATION_CANCELLED: 'OPERATION_CANCELLED',

  // Actions and runs.
  /** An action definition file breaks the format or a rule. */
  INVALID_ACTION: 'INVALID_ACTION',
  /** No action with that identifier is defined. */
  UNKNOWN_ACTION: 'UNKNOWN_ACTION',
  /** The inputs do not match the action's userInputs (`problems` has JSON pointers). */
  INVALID_INPUTS: 'INVALID_INPUTS',
  /** The creator of a run tried to approve it and the action does not allow self-approval. */
  SELF_APPROVAL: 'SELF_APPROVAL',
  /** This approver has already approved or declined the run. */
  ALREADY_DECIDED: 'ALREADY_DECIDED',
  /** The run state machine forbids this status change (or any change to an ended run). */
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  /** The run changed since it was read (compare-and-set failed), or an idempotency key was used for a run of another action, entity or inputs. */
  RUN_CONFLICT: 'RUN_CONFLICT',
  /** No run with that id. */
  RUN_NOT_FOUND: 'RUN_NOT_FOUND',
  /** A template (url, headers, body, mapping…) failed to render. */
  TEMPLATE_FAILED: 'TEMPLATE_FAILED',
  /** No invoker is registered for the action's invocation method. */
  NO_INVOKER: 'NO_INVOKER',
  /** An action's templates use `.secrets.NAME` and the gateway has no LATTICE_SECRET_NAME variable. */
  MISSING_SECRET: 'MISSING_SECRET',

  // Automations and timers.
  /** An automation definition file breaks the format or a rule. */
  INVALID_AUTOMATION: 'INVALID_AUTOMATION',
  /** An extension would pass a timer policy's cap (maximum extensions or lifetime) and the policy refuses rather than asks for approval. */
  POLICY_CAP_EXCEEDED: 'POLICY_CAP_EXCEEDED',
  // Scorecards and gates.
  /** A scorecard definition file breaks the format or a rule. */
  INVALID_SCORECARD: 'INVALID_SCORECARD',
  /** The entity is below a scorecard level the action requires (`failedRules` lists what to fix); no run was created. */
  GATE_FAILED: 'GATE_FAILED',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
