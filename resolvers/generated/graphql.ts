import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Entity as EntityModel } from '../../src/model/entities/entity.ts';
import type { ItemConnection as ItemConnectionModel, ItemEdge as ItemEdgeModel } from '../../src/model/query/connection.ts';
import type { Run as RunModel, Approval as ApprovalModel, RunLogLine as RunLogLineModel } from '../../src/data/run.ts';
import type { RequestContext } from '../../src/context/index.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date-time, e.g. 2026-11-24T09:00:00Z. */
  DateTime: { input: Date; output: Date | string; }
  /** An e-mail address. */
  EmailAddress: { input: string; output: string; }
  /** An IPv4 address. */
  IPv4: { input: string; output: string; }
  /** An IPv6 address. */
  IPv6: { input: string; output: string; }
  /** Any JSON value. */
  JSON: { input: unknown; output: unknown; }
  /** An absolute URL. */
  URL: { input: string; output: string; }
};

/** API */
export type Api = Entity & Node & {
  __typename?: 'API';
  blueprint: Scalars['String']['output'];
  /** Component entities whose "consumesApi" relation points here. */
  componentsByConsumesApi: ComponentConnection;
  /** Component entities whose "providesApi" relation points here. */
  componentsByProvidesApi: ComponentConnection;
  conflicts: Array<SourceConflict>;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  createdBy?: Maybe<Scalars['String']['output']>;
  icon?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  identifier: Scalars['String']['output'];
  properties: Scalars['JSON']['output'];
  provider?: Maybe<Component>;
  relations: Scalars['JSON']['output'];
  scorecards: Array<ScorecardResult>;
  source: EntitySource;
  sources: Array<EntitySource>;
  team: Array<Scalars['String']['output']>;
  title?: Maybe<Scalars['String']['output']>;
  type?: Maybe<ApiType>;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
  updatedBy?: Maybe<Scalars['String']['output']>;
};


/** API */
export type ApiComponentsByConsumesApiArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ComponentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ComponentOrderBy>>;
};


/** API */
export type ApiComponentsByProvidesApiArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ComponentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ComponentOrderBy>>;
};

export type ApiConnection = {
  __typename?: 'APIConnection';
  edges: Array<ApiEdge>;
  nodes: Array<Maybe<Api>>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ApiEdge = {
  __typename?: 'APIEdge';
  cursor: Scalars['String']['output'];
  node?: Maybe<Api>;
};

export type ApiFilter = {
  and?: InputMaybe<Array<ApiFilter>>;
  createdAt?: InputMaybe<DateTimeFilter>;
  icon?: InputMaybe<StringFilter>;
  identifier?: InputMaybe<StringFilter>;
  not?: InputMaybe<ApiFilter>;
  or?: InputMaybe<Array<ApiFilter>>;
  provider?: InputMaybe<ComponentFilter>;
  team?: InputMaybe<StringListFilter>;
  title?: InputMaybe<StringFilter>;
  type?: InputMaybe<ApiTypeFilter>;
  updatedAt?: InputMaybe<DateTimeFilter>;
};

export type ApiOrderBy =
  | 'CREATED_AT_ASC'
  | 'CREATED_AT_DESC'
  | 'ICON_ASC'
  | 'ICON_DESC'
  | 'IDENTIFIER_ASC'
  | 'IDENTIFIER_DESC'
  | 'TITLE_ASC'
  | 'TITLE_DESC'
  | 'TYPE_ASC'
  | 'TYPE_DESC'
  | 'UPDATED_AT_ASC'
  | 'UPDATED_AT_DESC';

export type ApiType =
  /** As written: "grpc" */
  | 'GRPC'
  /** As written: "Open API" */
  | 'OPEN_API';

export type ApiTypeFilter = {
  equalTo?: InputMaybe<ApiType>;
  in?: InputMaybe<Array<ApiType>>;
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  notEqualTo?: InputMaybe<ApiType>;
  notIn?: InputMaybe<Array<ApiType>>;
};

export type ApiTypeListFilter = {
  contains?: InputMaybe<ApiType>;
  isEmpty?: InputMaybe<Scalars['Boolean']['input']>;
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
};

/** An action as loaded. */
export type ActionDefinition = {
  __typename?: 'ActionDefinition';
  blueprint?: Maybe<Scalars['String']['output']>;
  /** The action as written (Port format). */
  definition: Scalars['JSON']['output'];
  description?: Maybe<Scalars['String']['output']>;
  identifier: Scalars['String']['output'];
  /** userInputs as JSON Schema. */
  inputsSchema: Scalars['JSON']['output'];
  /** The typed mutation generated for it. */
  mutationName: Scalars['String']['output'];
  operation: Scalars['String']['output'];
  title: Scalars['String']['output'];
};

/** One execution of a self-service action. */
export type ActionRun = {
  __typename?: 'ActionRun';
  /** The action's identifier. */
  action: Scalars['String']['output'];
  /** APPROVE or DECLINE decisions, in order. */
  approvals: Array<RunApproval>;
  /** Set when an automation made the run: which, for which event, how deep in a chain of automations. */
  automation?: Maybe<RunAutomation>;
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  /** True for the answer of `executeAction(dryRun: true)`: checked, rendered, neither stored nor invoked. */
  dryRun: Scalars['Boolean']['output'];
  endedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The entity the action ran on (DAY-2 and DELETE actions). */
  entity?: Maybe<Entity>;
  id: Scalars['ID']['output'];
  /** The inputs as given, secret inputs masked. */
  inputs: Scalars['JSON']['output'];
  /** A dry run's rendered invocation method, secrets and the run token as "***"; null otherwise. */
  invocation?: Maybe<Scalars['JSON']['output']>;
  links: Array<Scalars['String']['output']>;
  /** Log lines after `after` (a cursor), at most `first`. */
  logs: Array<RunLogLine>;
  /** The FAILURE run this run retries (`retryRun`). */
  retryOf?: Maybe<Scalars['ID']['output']>;
  status: RunStatus;
  statusLabel?: Maybe<Scalars['String']['output']>;
  summary?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  /** The waiver this run went through its failed gates with. */
  waivedBy?: Maybe<Scalars['ID']['output']>;
  /** Set when this run is a waiver request: a pass through the action's gates for one execution, not an execution. */
  waiver?: Maybe<RunWaiver>;
};


/** One execution of a self-service action. */
export type ActionRunLogsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type ActionRunConnection = {
  __typename?: 'ActionRunConnection';
  nodes: Array<ActionRun>;
  pageInfo: PageInfo;
};

export type AuditActor = {
  __typename?: 'AuditActor';
  user: Scalars['String']['output'];
  /** How the actor authenticated: token:<name>, jwt, anonymous, executor token, credentials (refused ones). */
  via: Scalars['String']['output'];
};

/** One audit event: who did what to what, when, and how it ended. */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  actor: AuditActor;
  at: Scalars['DateTime']['output'];
  /** The error code of a refusal or a failure. */
  code?: Maybe<Scalars['String']['output']>;
  /** entity.upsert, entity.delete, run.create, run.dryRun, run.retry, run.approve, run.decline, run.cancel, run.report, run.log, waiver.request, gate.waived, authenticate, auditLog.read; refusals at the door: http.graphql and ws.subscribe (rate limit, trusted documents), federation (_service/_entities) */
  event: Scalars['String']['output'];
  /** Opaque, increasing with time. */
  id: Scalars['ID']['output'];
  outcome: AuditOutcome;
  /** What the event is about: { blueprint, identifier }, { action, entity, runId } or { runId }. */
  target: Scalars['JSON']['output'];
};

export type AuditEventConnection = {
  __typename?: 'AuditEventConnection';
  nodes: Array<AuditEvent>;
  pageInfo: PageInfo;
};

export type AuditLogFilter = {
  /** Events of this user. */
  actor?: InputMaybe<Scalars['String']['input']>;
  /** Events of this kind (e.g. entity.upsert). */
  event?: InputMaybe<Scalars['String']['input']>;
  /** Events at or after this time. */
  since?: InputMaybe<Scalars['DateTime']['input']>;
  /** Events at or before this time. */
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

export type AuditOutcome =
  | 'FAILED'
  | 'OK'
  | 'REFUSED';

/** A blueprint of the model, as loaded. */
export type Blueprint = {
  __typename?: 'Blueprint';
  /** The blueprint as written (Port format), unknown keys included. */
  definition: Scalars['JSON']['output'];
  description?: Maybe<Scalars['String']['output']>;
  icon?: Maybe<Scalars['String']['output']>;
  identifier: Scalars['String']['output'];
  relations: Array<BlueprintRelation>;
  title: Scalars['String']['output'];
  /** The GraphQL type generated for it. */
  typeName: Scalars['String']['output'];
};

export type BlueprintRelation = {
  __typename?: 'BlueprintRelation';
  /** The field on this blueprint's type. */
  fieldName: Scalars['String']['output'];
  identifier: Scalars['String']['output'];
  many: Scalars['Boolean']['output'];
  required: Scalars['Boolean']['output'];
  /** The reverse field on the target's type. */
  reverseFieldName: Scalars['String']['output'];
  target: Scalars['String']['output'];
};

export type BooleanFilter = {
  equalTo?: InputMaybe<Scalars['Boolean']['input']>;
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  notEqualTo?: InputMaybe<Scalars['Boolean']['input']>;
};

export type BooleanListFilter = {
  contains?: InputMaybe<Scalars['Boolean']['input']>;
  isEmpty?: InputMaybe<Scalars['Boolean']['input']>;
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Component */
export type Component = Entity & Node & {
  __typename?: 'Component';
  /** API entities whose "provider" relation points here. */
  apisByProvider: ApiConnection;
  blueprint: Scalars['String']['output'];
  components: ComponentConnection;
  /** Component entities whose "components" relation points here. */
  componentsByComponents: ComponentConnection;
  conflicts: Array<SourceConflict>;
  consumesApi: ApiConnection;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  createdBy?: Maybe<Scalars['String']['output']>;
  icon?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  identifier: Scalars['String']['output'];
  /** The Kubernetes source's cluster that runs the service's deployment (update_pod_count scales there) */
  kubernetesCluster?: Maybe<Scalars['String']['output']>;
  /** Kubernetes deployment */
  kubernetesDeployment?: Maybe<Scalars['String']['output']>;
  /** Kubernetes namespace */
  kubernetesNamespace?: Maybe<Scalars['String']['output']>;
  properties: Scalars['JSON']['output'];
  providesApi?: Maybe<Api>;
  relations: Scalars['JSON']['output'];
  resources: ResourceConnection;
  scorecards: Array<ScorecardResult>;
  source: EntitySource;
  sources: Array<EntitySource>;
  system?: Maybe<System>;
  team: Array<Scalars['String']['output']>;
  title?: Maybe<Scalars['String']['output']>;
  type?: Maybe<ComponentType>;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
  updatedBy?: Maybe<Scalars['String']['output']>;
};


/** Component */
export type ComponentApisByProviderArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ApiFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ApiOrderBy>>;
};


/** Component */
export type ComponentComponentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ComponentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ComponentOrderBy>>;
};


/** Component */
export type ComponentComponentsByComponentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ComponentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ComponentOrderBy>>;
};


/** Component */
export type ComponentConsumesApiArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ApiFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ApiOrderBy>>;
};


/** Component */
export type ComponentResourcesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ResourceFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ResourceOrderBy>>;
};

export type ComponentConnection = {
  __typename?: 'ComponentConnection';
  edges: Array<ComponentEdge>;
  nodes: Array<Maybe<Component>>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ComponentEdge = {
  __typename?: 'ComponentEdge';
  cursor: Scalars['String']['output'];
  node?: Maybe<Component>;
};

export type ComponentFilter = {
  and?: InputMaybe<Array<ComponentFilter>>;
  /** Matches when any related entity matches. */
  components?: InputMaybe<ComponentFilter>;
  /** Matches when any related entity matches. */
  consumesApi?: InputMaybe<ApiFilter>;
  createdAt?: InputMaybe<DateTimeFilter>;
  icon?: InputMaybe<StringFilter>;
  identifier?: InputMaybe<StringFilter>;
  kubernetesCluster?: InputMaybe<StringFilter>;
  kubernetesDeployment?: InputMaybe<StringFilter>;
  kubernetesNamespace?: InputMaybe<StringFilter>;
  not?: InputMaybe<ComponentFilter>;
  or?: InputMaybe<Array<ComponentFilter>>;
  providesApi?: InputMaybe<ApiFilter>;
  /** Matches when any related entity matches. */
  resources?: InputMaybe<ResourceFilter>;
  system?: InputMaybe<SystemFilter>;
  team?: InputMaybe<StringListFilter>;
  title?: InputMaybe<StringFilter>;
  type?: InputMaybe<ComponentTypeFilter>;
  updatedAt?: InputMaybe<DateTimeFilter>;
};

export type ComponentOrderBy =
  | 'CREATED_AT_ASC'
  | 'CREATED_AT_DESC'
  | 'ICON_ASC'
  | 'ICON_DESC'
  | 'IDENTIFIER_ASC'
  | 'IDENTIFIER_DESC'
  | 'KUBERNETES_CLUSTER_ASC'
  | 'KUBERNETES_CLUSTER_DESC'
  | 'KUBERNETES_DEPLOYMENT_ASC'
  | 'KUBERNETES_DEPLOYMENT_DESC'
  | 'KUBERNETES_NAMESPACE_ASC'
  | 'KUBERNETES_NAMESPACE_DESC'
  | 'TITLE_ASC'
  | 'TITLE_DESC'
  | 'TYPE_ASC'
  | 'TYPE_DESC'
  | 'UPDATED_AT_ASC'
  | 'UPDATED_AT_DESC';

export type ComponentType =
  /** As written: "library" */
  | 'LIBRARY'
  /** As written: "service" */
  | 'SERVICE';

export type ComponentTypeFilter = {
  equalTo?: InputMaybe<ComponentType>;
  in?: InputMaybe<Array<ComponentType>>;
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  notEqualTo?: InputMaybe<ComponentType>;
  notIn?: InputMaybe<Array<ComponentType>>;
};

export type ComponentTypeListFilter = {
  contains?: InputMaybe<ComponentType>;
  isEmpty?: InputMaybe<Scalars['Boolean']['input']>;
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
};

export type DateTimeFilter = {
  equalTo?: InputMaybe<Scalars['DateTime']['input']>;
  greaterThan?: InputMaybe<Scalars['DateTime']['input']>;
  greaterThanOrEqualTo?: InputMaybe<Scalars['DateTime']['input']>;
  in?: InputMaybe<Array<Scalars['DateTime']['input']>>;
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  lessThan?: InputMaybe<Scalars['DateTime']['input']>;
  lessThanOrEqualTo?: InputMaybe<Scalars['DateTime']['input']>;
  notEqualTo?: InputMaybe<Scalars['DateTime']['input']>;
  notIn?: InputMaybe<Array<Scalars['DateTime']['input']>>;
};

export type DateTimeListFilter = {
  contains?: InputMaybe<Scalars['DateTime']['input']>;
  isEmpty?: InputMaybe<Scalars['Boolean']['input']>;
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
};

/** An ephemeral environment (a Kubernetes namespace and its workloads) with a TTL: created for 5 days by create_dev_environment, extended by extend_dev_environment within its policy's caps, torn down by the teardown_dev_environment automation when expires_at passes. */
export type DevEnvironment = Entity & Node & {
  __typename?: 'DevEnvironment';
  blueprint: Scalars['String']['output'];
  /** Cluster */
  cluster?: Maybe<Scalars['String']['output']>;
  conflicts: Array<SourceConflict>;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  createdBy?: Maybe<Scalars['String']['output']>;
  /** Expires at */
  expiresAt?: Maybe<Timer>;
  /** Extensions so far */
  extensions?: Maybe<Scalars['Float']['output']>;
  icon?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  identifier: Scalars['String']['output'];
  /** Owner */
  owner?: Maybe<Scalars['String']['output']>;
  properties: Scalars['JSON']['output'];
  relations: Scalars['JSON']['output'];
  scorecards: Array<ScorecardResult>;
  source: EntitySource;
  sources: Array<EntitySource>;
  /** Started at */
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  team: Array<Scalars['String']['output']>;
  title?: Maybe<Scalars['String']['output']>;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
  updatedBy?: Maybe<Scalars['String']['output']>;
};

export type DevEnvironmentConnection = {
  __typename?: 'DevEnvironmentConnection';
  edges: Array<DevEnvironmentEdge>;
  nodes: Array<Maybe<DevEnvironment>>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type DevEnvironmentEdge = {
  __typename?: 'DevEnvironmentEdge';
  cursor: Scalars['String']['output'];
  node?: Maybe<DevEnvironment>;
};

export type DevEnvironmentFilter = {
  and?: InputMaybe<Array<DevEnvironmentFilter>>;
  cluster?: InputMaybe<StringFilter>;
  createdAt?: InputMaybe<DateTimeFilter>;
  expiresAt?: InputMaybe<DateTimeFilter>;
  extensions?: InputMaybe<FloatFilter>;
  icon?: InputMaybe<StringFilter>;
  identifier?: InputMaybe<StringFilter>;
  not?: InputMaybe<DevEnvironmentFilter>;
  or?: InputMaybe<Array<DevEnvironmentFilter>>;
  owner?: InputMaybe<StringFilter>;
  startedAt?: InputMaybe<DateTimeFilter>;
  team?: InputMaybe<StringListFilter>;
  title?: InputMaybe<StringFilter>;
  updatedAt?: InputMaybe<DateTimeFilter>;
};

export type DevEnvironmentOrderBy =
  | 'CLUSTER_ASC'
  | 'CLUSTER_DESC'
  | 'CREATED_AT_ASC'
  | 'CREATED_AT_DESC'
  | 'EXPIRES_AT_ASC'
  | 'EXPIRES_AT_DESC'
  | 'EXTENSIONS_ASC'
  | 'EXTENSIONS_DESC'
  | 'ICON_ASC'
  | 'ICON_DESC'
  | 'IDENTIFIER_ASC'
  | 'IDENTIFIER_DESC'
  | 'OWNER_ASC'
  | 'OWNER_DESC'
  | 'STARTED_AT_ASC'
  | 'STARTED_AT_DESC'
  | 'TITLE_ASC'
  | 'TITLE_DESC'
  | 'UPDATED_AT_ASC'
  | 'UPDATED_AT_DESC';

/** Domain */
export type Domain = Entity & Node & {
  __typename?: 'Domain';
  blueprint: Scalars['String']['output'];
  conflicts: Array<SourceConflict>;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  createdBy?: Maybe<Scalars['String']['output']>;
  icon?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  identifier: Scalars['String']['output'];
  properties: Scalars['JSON']['output'];
  relations: Scalars['JSON']['output'];
  scorecards: Array<ScorecardResult>;
  source: EntitySource;
  sources: Array<EntitySource>;
  /** System entities whose "domain" relation points here. */
  systemsByDomain: SystemConnection;
  team: Array<Scalars['String']['output']>;
  title?: Maybe<Scalars['String']['output']>;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
  updatedBy?: Maybe<Scalars['String']['output']>;
};


/** Domain */
export type DomainSystemsByDomainArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<SystemFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<SystemOrderBy>>;
};

export type DomainConnection = {
  __typename?: 'DomainConnection';
  edges: Array<DomainEdge>;
  nodes: Array<Maybe<Domain>>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type DomainEdge = {
  __typename?: 'DomainEdge';
  cursor: Scalars['String']['output'];
  node?: Maybe<Domain>;
};

export type DomainFilter = {
  and?: InputMaybe<Array<DomainFilter>>;
  createdAt?: InputMaybe<DateTimeFilter>;
  icon?: InputMaybe<StringFilter>;
  identifier?: InputMaybe<StringFilter>;
  not?: InputMaybe<DomainFilter>;
  or?: InputMaybe<Array<DomainFilter>>;
  team?: InputMaybe<StringListFilter>;
  title?: InputMaybe<StringFilter>;
  updatedAt?: InputMaybe<DateTimeFilter>;
};

export type DomainOrderBy =
  | 'CREATED_AT_ASC'
  | 'CREATED_AT_DESC'
  | 'ICON_ASC'
  | 'ICON_DESC'
  | 'IDENTIFIER_ASC'
  | 'IDENTIFIER_DESC'
  | 'TITLE_ASC'
  | 'TITLE_DESC'
  | 'UPDATED_AT_ASC'
  | 'UPDATED_AT_DESC';

/** An entity of the catalog: every blueprint's type implements this. */
export type Entity = {
  /** The identifier of the entity's blueprint. */
  blueprint: Scalars['String']['output'];
  /** Fields that two layers set to different values; the first layer's value is served. */
  conflicts: Array<SourceConflict>;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who created the entity through the API (the caller's identity, as in the audit log); null for entities from catalog files and live sources. */
  createdBy?: Maybe<Scalars['String']['output']>;
  icon?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** The entity's identifier, unique within its blueprint. */
  identifier: Scalars['String']['output'];
  /** All properties as stored, with enum values as written in the blueprint. */
  properties: Scalars['JSON']['output'];
  /** All relations as stored: identifier or list of identifiers per relation. */
  relations: Scalars['JSON']['output'];
  /** Each scorecard of the entity's blueprint that grades it (its filter selects it), evaluated live from the data served now. */
  scorecards: Array<ScorecardResult>;
  /** Where the entity's data came from: its live source (the first, when several), else the catalog. */
  source: EntitySource;
  /** Every layer the entity was merged from: the catalog, then live sources in configuration order. */
  sources: Array<EntitySource>;
  /** The teams that own the entity. */
  team: Array<Scalars['String']['output']>;
  title?: Maybe<Scalars['String']['output']>;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who last changed the entity through the API; null for entities from catalog files and live sources. */
  updatedBy?: Maybe<Scalars['String']['output']>;
};

export type EntityChange = {
  __typename?: 'EntityChange';
  blueprint: Scalars['String']['output'];
  change: EntityChangeKind;
  /** The entity as it is after the change; null once deleted. */
  entity?: Maybe<Entity>;
  identifier: Scalars['String']['output'];
};

export type EntityChangeKind =
  | 'DELETED'
  | 'UPSERTED';

/** Entities of any blueprint, as `search` returns them. */
export type EntityConnection = {
  __typename?: 'EntityConnection';
  edges: Array<EntityEdge>;
  nodes: Array<Maybe<Entity>>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type EntityEdge = {
  __typename?: 'EntityEdge';
  cursor: Scalars['String']['output'];
  node?: Maybe<Entity>;
};

/** One layer of an entity: the catalog, or a live source (GitHub…). */
export type EntitySource = {
  __typename?: 'EntitySource';
  /** When this layer's data was fetched (for the catalog: when the entity was last written). */
  fetchedAt: Scalars['DateTime']['output'];
  name: Scalars['String']['output'];
  /** True when the data is older than the source's ttl: it is being refreshed, or the upstream fails. */
  stale: Scalars['Boolean']['output'];
};

export type FloatFilter = {
  equalTo?: InputMaybe<Scalars['Float']['input']>;
  greaterThan?: InputMaybe<Scalars['Float']['input']>;
  greaterThanOrEqualTo?: InputMaybe<Scalars['Float']['input']>;
  in?: InputMaybe<Array<Scalars['Float']['input']>>;
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  lessThan?: InputMaybe<Scalars['Float']['input']>;
  lessThanOrEqualTo?: InputMaybe<Scalars['Float']['input']>;
  notEqualTo?: InputMaybe<Scalars['Float']['input']>;
  notIn?: InputMaybe<Array<Scalars['Float']['input']>>;
};

export type FloatListFilter = {
  contains?: InputMaybe<Scalars['Float']['input']>;
  isEmpty?: InputMaybe<Scalars['Boolean']['input']>;
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
};

export type JsonFilter = {
  equalTo?: InputMaybe<Scalars['JSON']['input']>;
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  notEqualTo?: InputMaybe<Scalars['JSON']['input']>;
};

export type JsonListFilter = {
  contains?: InputMaybe<Scalars['JSON']['input']>;
  isEmpty?: InputMaybe<Scalars['Boolean']['input']>;
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
};

/** A property of Port's format `labeled-url`: a link and the text to show for it. */
export type LabeledUrl = {
  __typename?: 'LabeledURL';
  /** The text to show for the link, when set. */
  displayText?: Maybe<Scalars['String']['output']>;
  /** The link: an absolute URL, or a path inside the portal. */
  url: Scalars['String']['output'];
};

/** The state of the running gateway. */
export type Lattice = {
  __typename?: 'Lattice';
  /** Why the latest change was rejected (the last good version keeps serving). */
  errors: Array<LatticeLoadError>;
  /** When the serving schema was loaded. */
  loadedAt: Scalars['DateTime']['output'];
  /** OK while the loaded configuration is the latest on disk; ERROR when a change was rejected. */
  status: LatticeStatusCode;
  /** Warnings about the serving configuration (e.g. unknown keys kept). */
  warnings: Array<LatticeLoadError>;
};

export type LatticeLoadError = {
  __typename?: 'LatticeLoadError';
  code: Scalars['String']['output'];
  column?: Maybe<Scalars['Int']['output']>;
  file?: Maybe<Scalars['String']['output']>;
  line?: Maybe<Scalars['Int']['output']>;
  message: Scalars['String']['output'];
  pointer?: Maybe<Scalars['String']['output']>;
};

export type LatticeStatusCode =
  | 'ERROR'
  | 'OK';

export type Mutation = {
  __typename?: 'Mutation';
  /** For executors, with the run's token: append a log line; `terminationStatus` ends the run. */
  appendRunLog: RunLogLine;
  approveRun: ActionRun;
  cancelRun: ActionRun;
  declineRun: ActionRun;
  /**
   * Deletes an entity; returns false when it did not exist. Refused (CONFLICT, naming them) while other entities hold a
   * required relation to it, unless `deleteDependents: true` (Port's `delete_dependents=true`), which deletes them too,
   * transitively, in one step.
   */
  deleteEntity: Scalars['Boolean']['output'];
  /**
   * Runs any action with untyped inputs (each action also has a typed mutation). The same idempotency key returns the same run.
   * Refused with GATE_FAILED (before any run exists) when the entity is below a scorecard level the action requires, unless
   * the caller holds a granted waiver. With `dryRun: true`, every check runs (inputs, permission, condition, gates) and the
   * answer is the run that would start, with its rendered invocation (secrets masked); nothing is stored or invoked.
   */
  executeAction: ActionRun;
  /**
   * Asks to waive the gates of a gated action on one entity, for one execution within `durationSeconds` (60 to 604800) of
   * its approval. The answer is a run (with `waiver` set) that the action's approvers approve or decline like any run.
   */
  requestGateWaiver: ActionRun;
  /** Executes a FAILURE run again as a new run (its `retryOf` names the first), with the same inputs and every check of executeAction. */
  retryRun: ActionRun;
  /** For executors, with the run's token: report status, label, a link, a summary. */
  updateRun: ActionRun;
  /**
   * Creates or updates an entity, validated against its blueprint first (Port's create-entity with `upsert=true`).
   * By default the entity is replaced: what is not given is emptied. With `merge: true` (Port's `merge=true`), what is
   * not given is kept, and the properties and relations given are set over the stored ones (null clears one).
   */
  upsertEntity: Entity;
};


export type MutationAppendRunLogArgs = {
  id: Scalars['ID']['input'];
  message: Scalars['String']['input'];
  terminationStatus?: InputMaybe<RunStatus>;
  token: Scalars['String']['input'];
};


export type MutationApproveRunArgs = {
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationCancelRunArgs = {
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationDeclineRunArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationDeleteEntityArgs = {
  blueprint: Scalars['String']['input'];
  deleteDependents?: InputMaybe<Scalars['Boolean']['input']>;
  identifier: Scalars['String']['input'];
};


export type MutationExecuteActionArgs = {
  action: Scalars['String']['input'];
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  entity?: InputMaybe<Scalars['String']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  inputs: Scalars['JSON']['input'];
};


export type MutationRequestGateWaiverArgs = {
  action: Scalars['String']['input'];
  durationSeconds: Scalars['Int']['input'];
  entity: Scalars['String']['input'];
  reason: Scalars['String']['input'];
};


export type MutationRetryRunArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUpdateRunArgs = {
  id: Scalars['ID']['input'];
  link?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<RunStatus>;
  statusLabel?: InputMaybe<Scalars['String']['input']>;
  summary?: InputMaybe<Scalars['String']['input']>;
  token: Scalars['String']['input'];
};


export type MutationUpsertEntityArgs = {
  blueprint: Scalars['String']['input'];
  icon?: InputMaybe<Scalars['String']['input']>;
  identifier: Scalars['String']['input'];
  merge?: InputMaybe<Scalars['Boolean']['input']>;
  properties?: InputMaybe<Scalars['JSON']['input']>;
  relations?: InputMaybe<Scalars['JSON']['input']>;
  team?: InputMaybe<Array<Scalars['String']['input']>>;
  title?: InputMaybe<Scalars['String']['input']>;
};

/** An object with a global, opaque id (Relay). */
export type Node = {
  /** Global, opaque identifier: pass it to `node(id:)`. */
  id: Scalars['ID']['output'];
};

/** Relay page information. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** The self-service actions defined. */
  actions: Array<ActionDefinition>;
  api?: Maybe<Api>;
  apis: ApiConnection;
  /** Audit events, newest first (Admin role only): entity writes, runs created, approvals, declines, cancels and refused authorizations. Shared by replicas on Redis; this process's own events otherwise. */
  auditLog: AuditEventConnection;
  /** The blueprints of the model. */
  blueprints: Array<Blueprint>;
  component?: Maybe<Component>;
  components: ComponentConnection;
  devEnvironment?: Maybe<DevEnvironment>;
  devEnvironments: DevEnvironmentConnection;
  domain?: Maybe<Domain>;
  domains: DomainConnection;
  /** One entity of any blueprint. */
  entity?: Maybe<Entity>;
  /** The gateway's own state: load status and errors. */
  lattice: Lattice;
  /** Any object by its global id. */
  node?: Maybe<Node>;
  resource?: Maybe<Resource>;
  resources: ResourceConnection;
  /** One run, when the caller may see it. */
  run?: Maybe<ActionRun>;
  /** Runs the caller may see, newest first. */
  runs: ActionRunConnection;
  /** The scorecards defined (of one blueprint, when given): levels and rules, as loaded. */
  scorecardDefinitions: Array<ScorecardDefinition>;
  /** Entities matching a query in Port's rule language: { combinator, rules: [{ property, operator, value } | { operator: relatedTo, blueprint, value, direction }] }. */
  search: EntityConnection;
  system?: Maybe<System>;
  systems: SystemConnection;
};


export type QueryApiArgs = {
  identifier: Scalars['String']['input'];
};


export type QueryApisArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ApiFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ApiOrderBy>>;
};


export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditLogFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryComponentArgs = {
  identifier: Scalars['String']['input'];
};


export type QueryComponentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ComponentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ComponentOrderBy>>;
};


export type QueryDevEnvironmentArgs = {
  identifier: Scalars['String']['input'];
};


export type QueryDevEnvironmentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<DevEnvironmentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<DevEnvironmentOrderBy>>;
};


export type QueryDomainArgs = {
  identifier: Scalars['String']['input'];
};


export type QueryDomainsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<DomainFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<DomainOrderBy>>;
};


export type QueryEntityArgs = {
  blueprint: Scalars['String']['input'];
  identifier: Scalars['String']['input'];
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryResourceArgs = {
  identifier: Scalars['String']['input'];
};


export type QueryResourcesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ResourceFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ResourceOrderBy>>;
};


export type QueryRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<RunFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryScorecardDefinitionsArgs = {
  blueprint?: InputMaybe<Scalars['String']['input']>;
};


export type QuerySearchArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  query: Scalars['JSON']['input'];
};


export type QuerySystemArgs = {
  identifier: Scalars['String']['input'];
};


export type QuerySystemsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<SystemFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<SystemOrderBy>>;
};

/** Resource */
export type Resource = Entity & Node & {
  __typename?: 'Resource';
  blueprint: Scalars['String']['output'];
  /** Component entities whose "resources" relation points here. */
  componentsByResources: ComponentConnection;
  conflicts: Array<SourceConflict>;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  createdBy?: Maybe<Scalars['String']['output']>;
  icon?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  identifier: Scalars['String']['output'];
  properties: Scalars['JSON']['output'];
  relations: Scalars['JSON']['output'];
  scorecards: Array<ScorecardResult>;
  source: EntitySource;
  sources: Array<EntitySource>;
  team: Array<Scalars['String']['output']>;
  title?: Maybe<Scalars['String']['output']>;
  type?: Maybe<ResourceType>;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
  updatedBy?: Maybe<Scalars['String']['output']>;
};


/** Resource */
export type ResourceComponentsByResourcesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ComponentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ComponentOrderBy>>;
};

export type ResourceConnection = {
  __typename?: 'ResourceConnection';
  edges: Array<ResourceEdge>;
  nodes: Array<Maybe<Resource>>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ResourceEdge = {
  __typename?: 'ResourceEdge';
  cursor: Scalars['String']['output'];
  node?: Maybe<Resource>;
};

export type ResourceFilter = {
  and?: InputMaybe<Array<ResourceFilter>>;
  createdAt?: InputMaybe<DateTimeFilter>;
  icon?: InputMaybe<StringFilter>;
  identifier?: InputMaybe<StringFilter>;
  not?: InputMaybe<ResourceFilter>;
  or?: InputMaybe<Array<ResourceFilter>>;
  team?: InputMaybe<StringListFilter>;
  title?: InputMaybe<StringFilter>;
  type?: InputMaybe<ResourceTypeFilter>;
  updatedAt?: InputMaybe<DateTimeFilter>;
};

export type ResourceOrderBy =
  | 'CREATED_AT_ASC'
  | 'CREATED_AT_DESC'
  | 'ICON_ASC'
  | 'ICON_DESC'
  | 'IDENTIFIER_ASC'
  | 'IDENTIFIER_DESC'
  | 'TITLE_ASC'
  | 'TITLE_DESC'
  | 'TYPE_ASC'
  | 'TYPE_DESC'
  | 'UPDATED_AT_ASC'
  | 'UPDATED_AT_DESC';

export type ResourceType =
  /** As written: "kafka-topic" */
  | 'KAFKA_TOPIC'
  /** As written: "postgress" */
  | 'POSTGRESS'
  /** As written: "rabbit-queue" */
  | 'RABBIT_QUEUE'
  /** As written: "s3-bucket" */
  | 'S3_BUCKET';

export type ResourceTypeFilter = {
  equalTo?: InputMaybe<ResourceType>;
  in?: InputMaybe<Array<ResourceType>>;
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  notEqualTo?: InputMaybe<ResourceType>;
  notIn?: InputMaybe<Array<ResourceType>>;
};

export type ResourceTypeListFilter = {
  contains?: InputMaybe<ResourceType>;
  isEmpty?: InputMaybe<Scalars['Boolean']['input']>;
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
};

export type RunApproval = {
  __typename?: 'RunApproval';
  at: Scalars['DateTime']['output'];
  decision: Scalars['String']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  user: Scalars['String']['output'];
};

/** Why an automation's run exists (docs/orchestration.md). */
export type RunAutomation = {
  __typename?: 'RunAutomation';
  /** 1 for a run fired by a person's change or the clock; one more per automation before it in the chain. */
  depth: Scalars['Int']['output'];
  /** Port's event context: action, resourceType, trigger, context, diff { before, after }. */
  event: Scalars['JSON']['output'];
  /** The event's id: with the automation, the run's idempotency key. */
  eventId: Scalars['String']['output'];
  /** The automation's identifier (also the run's `action`). */
  identifier: Scalars['String']['output'];
};

export type RunFilter = {
  action?: InputMaybe<Scalars['String']['input']>;
  entity?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<RunStatus>;
  /** Runs created by this user. */
  user?: InputMaybe<Scalars['String']['input']>;
};

export type RunLogLine = {
  __typename?: 'RunLogLine';
  at: Scalars['DateTime']['output'];
  /** Opaque, increasing: pass it as `after` to resume. */
  cursor: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

/** The status of an action run. */
export type RunStatus =
  | 'CANCELLED'
  | 'DECLINED'
  | 'FAILURE'
  | 'IN_PROGRESS'
  | 'SUCCESS'
  | 'WAITING_FOR_APPROVAL';

/** A waiver of an action's gates on one entity, valid for one execution within `durationSeconds` of its approval. */
export type RunWaiver = {
  __typename?: 'RunWaiver';
  durationSeconds: Scalars['Int']['output'];
  /** When the granted waiver stops being valid; null until approved. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  reason: Scalars['String']['output'];
};

/** A scorecard as loaded (schema/scorecards/). */
export type ScorecardDefinition = {
  __typename?: 'ScorecardDefinition';
  /** The blueprint whose entities it grades. */
  blueprint: Scalars['String']['output'];
  /** The scorecard as written (Port format). */
  definition: Scalars['JSON']['output'];
  description?: Maybe<Scalars['String']['output']>;
  /** Only entities matching it are graded (Port's rule language), or null. */
  filter?: Maybe<Scalars['JSON']['output']>;
  identifier: Scalars['String']['output'];
  /** Lowest first. */
  levels: Array<ScorecardLevel>;
  /** By level, lowest first. */
  rules: Array<ScorecardRuleDefinition>;
  title: Scalars['String']['output'];
};

export type ScorecardLevel = {
  __typename?: 'ScorecardLevel';
  color?: Maybe<Scalars['String']['output']>;
  title: Scalars['String']['output'];
};

/** A scorecard level condition; levels compare in the scorecard's order (lowest first). Entities the scorecard does not grade match only `isNull: true`. */
export type ScorecardLevelFilter = {
  /** This level or a higher one. */
  atLeast?: InputMaybe<Scalars['String']['input']>;
  /** A level lower than this one. */
  below?: InputMaybe<Scalars['String']['input']>;
  equalTo?: InputMaybe<Scalars['String']['input']>;
  in?: InputMaybe<Array<Scalars['String']['input']>>;
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  notEqualTo?: InputMaybe<Scalars['String']['input']>;
  notIn?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** An entity's grade in one scorecard: the highest level whose rules, and every lower level's rules, pass. */
export type ScorecardResult = {
  __typename?: 'ScorecardResult';
  description?: Maybe<Scalars['String']['output']>;
  identifier: Scalars['String']['output'];
  /** The level reached (the first level when no rule above it passes). */
  level: Scalars['String']['output'];
  /** The scorecard's levels, lowest first. */
  levels: Array<ScorecardLevel>;
  rules: Array<ScorecardRuleResult>;
  title: Scalars['String']['output'];
};

export type ScorecardRuleDefinition = {
  __typename?: 'ScorecardRuleDefinition';
  /** Actions that can fix it when it fails. */
  actions: Array<Scalars['String']['output']>;
  description?: Maybe<Scalars['String']['output']>;
  identifier: Scalars['String']['output'];
  level: Scalars['String']['output'];
  /** The rule's query in the rule language (`conditions` read as `rules`). */
  query: Scalars['JSON']['output'];
  title: Scalars['String']['output'];
};

export type ScorecardRuleResult = {
  __typename?: 'ScorecardRuleResult';
  /** Actions that can fix the rule when it fails. */
  actions: Array<Scalars['String']['output']>;
  description?: Maybe<Scalars['String']['output']>;
  identifier: Scalars['String']['output'];
  /** The level the rule belongs to. */
  level: Scalars['String']['output'];
  passed: Scalars['Boolean']['output'];
  title: Scalars['String']['output'];
};

export type SourceConflict = {
  __typename?: 'SourceConflict';
  /** properties.<id>, relations.<id> or title. */
  field: Scalars['String']['output'];
  values: Array<SourceValue>;
};

export type SourceValue = {
  __typename?: 'SourceValue';
  source: Scalars['String']['output'];
  value?: Maybe<Scalars['JSON']['output']>;
};

export type StringFilter = {
  /** Substring match, case-sensitive. */
  contains?: InputMaybe<Scalars['String']['input']>;
  endsWith?: InputMaybe<Scalars['String']['input']>;
  equalTo?: InputMaybe<Scalars['String']['input']>;
  greaterThan?: InputMaybe<Scalars['String']['input']>;
  greaterThanOrEqualTo?: InputMaybe<Scalars['String']['input']>;
  in?: InputMaybe<Array<Scalars['String']['input']>>;
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  lessThan?: InputMaybe<Scalars['String']['input']>;
  lessThanOrEqualTo?: InputMaybe<Scalars['String']['input']>;
  notEqualTo?: InputMaybe<Scalars['String']['input']>;
  notIn?: InputMaybe<Array<Scalars['String']['input']>>;
  startsWith?: InputMaybe<Scalars['String']['input']>;
};

/** Filters a list property: `contains` matches when any element equals the value. */
export type StringListFilter = {
  contains?: InputMaybe<Scalars['String']['input']>;
  isEmpty?: InputMaybe<Scalars['Boolean']['input']>;
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Changes to one entity (with `identifier`) or to every entity of a blueprint, as they happen. */
  entityChanged: EntityChange;
  /** A run's log lines in order, from after `after` (a line's cursor): no gap, no duplicate. */
  runLogs: RunLogLine;
  /** A run as it changes: its current state first, then every change; completes when it ends. */
  runUpdated: ActionRun;
  /** Runs (visible to the caller) as they are created or change. */
  runs: ActionRun;
};


export type SubscriptionEntityChangedArgs = {
  blueprint: Scalars['String']['input'];
  identifier?: InputMaybe<Scalars['String']['input']>;
};


export type SubscriptionRunLogsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
};


export type SubscriptionRunUpdatedArgs = {
  id: Scalars['ID']['input'];
};


export type SubscriptionRunsArgs = {
  filter?: InputMaybe<RunFilter>;
};

/** System */
export type System = Entity & Node & {
  __typename?: 'System';
  blueprint: Scalars['String']['output'];
  /** Component entities whose "system" relation points here. */
  componentsBySystem: ComponentConnection;
  conflicts: Array<SourceConflict>;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  createdBy?: Maybe<Scalars['String']['output']>;
  domain?: Maybe<Domain>;
  icon?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  identifier: Scalars['String']['output'];
  properties: Scalars['JSON']['output'];
  relations: Scalars['JSON']['output'];
  scorecards: Array<ScorecardResult>;
  source: EntitySource;
  sources: Array<EntitySource>;
  team: Array<Scalars['String']['output']>;
  title?: Maybe<Scalars['String']['output']>;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
  updatedBy?: Maybe<Scalars['String']['output']>;
};


/** System */
export type SystemComponentsBySystemArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ComponentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ComponentOrderBy>>;
};

export type SystemConnection = {
  __typename?: 'SystemConnection';
  edges: Array<SystemEdge>;
  nodes: Array<Maybe<System>>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type SystemEdge = {
  __typename?: 'SystemEdge';
  cursor: Scalars['String']['output'];
  node?: Maybe<System>;
};

export type SystemFilter = {
  and?: InputMaybe<Array<SystemFilter>>;
  createdAt?: InputMaybe<DateTimeFilter>;
  domain?: InputMaybe<DomainFilter>;
  icon?: InputMaybe<StringFilter>;
  identifier?: InputMaybe<StringFilter>;
  not?: InputMaybe<SystemFilter>;
  or?: InputMaybe<Array<SystemFilter>>;
  team?: InputMaybe<StringListFilter>;
  title?: InputMaybe<StringFilter>;
  updatedAt?: InputMaybe<DateTimeFilter>;
};

export type SystemOrderBy =
  | 'CREATED_AT_ASC'
  | 'CREATED_AT_DESC'
  | 'ICON_ASC'
  | 'ICON_DESC'
  | 'IDENTIFIER_ASC'
  | 'IDENTIFIER_DESC'
  | 'TITLE_ASC'
  | 'TITLE_DESC'
  | 'UPDATED_AT_ASC'
  | 'UPDATED_AT_DESC';

/** A property of Port's format `timer`: when something expires (a TTL). */
export type Timer = {
  __typename?: 'Timer';
  /** When the timer expires. */
  expiresAt: Scalars['DateTime']['output'];
  /** True once `expiresAt` has passed (at the time the request is answered). */
  isExpired: Scalars['Boolean']['output'];
  /** Seconds left until `expiresAt` (at the time the request is answered); 0 once expired. */
  remainingSeconds: Scalars['Float']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  API: ResolverTypeWrapper<Api>;
  APIConnection: ResolverTypeWrapper<ApiConnection>;
  APIEdge: ResolverTypeWrapper<ApiEdge>;
  APIFilter: ApiFilter;
  APIOrderBy: ApiOrderBy;
  APIType: ApiType;
  APITypeFilter: ApiTypeFilter;
  APITypeListFilter: ApiTypeListFilter;
  ActionDefinition: ResolverTypeWrapper<ActionDefinition>;
  ActionRun: ResolverTypeWrapper<RunModel>;
  ActionRunConnection: ResolverTypeWrapper<Omit<ActionRunConnection, 'nodes'> & { nodes: Array<ResolversTypes['ActionRun']> }>;
  AuditActor: ResolverTypeWrapper<AuditActor>;
  AuditEvent: ResolverTypeWrapper<AuditEvent>;
  AuditEventConnection: ResolverTypeWrapper<AuditEventConnection>;
  AuditLogFilter: AuditLogFilter;
  AuditOutcome: AuditOutcome;
  Blueprint: ResolverTypeWrapper<Blueprint>;
  BlueprintRelation: ResolverTypeWrapper<BlueprintRelation>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  BooleanFilter: BooleanFilter;
  BooleanListFilter: BooleanListFilter;
  Component: ResolverTypeWrapper<Component>;
  ComponentConnection: ResolverTypeWrapper<ComponentConnection>;
  ComponentEdge: ResolverTypeWrapper<ComponentEdge>;
  ComponentFilter: ComponentFilter;
  ComponentOrderBy: ComponentOrderBy;
  ComponentType: ComponentType;
  ComponentTypeFilter: ComponentTypeFilter;
  ComponentTypeListFilter: ComponentTypeListFilter;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DateTimeFilter: DateTimeFilter;
  DateTimeListFilter: DateTimeListFilter;
  DevEnvironment: ResolverTypeWrapper<DevEnvironment>;
  DevEnvironmentConnection: ResolverTypeWrapper<DevEnvironmentConnection>;
  DevEnvironmentEdge: ResolverTypeWrapper<DevEnvironmentEdge>;
  DevEnvironmentFilter: DevEnvironmentFilter;
  DevEnvironmentOrderBy: DevEnvironmentOrderBy;
  Domain: ResolverTypeWrapper<Domain>;
  DomainConnection: ResolverTypeWrapper<DomainConnection>;
  DomainEdge: ResolverTypeWrapper<DomainEdge>;
  DomainFilter: DomainFilter;
  DomainOrderBy: DomainOrderBy;
  EmailAddress: ResolverTypeWrapper<Scalars['EmailAddress']['output']>;
  Entity: ResolverTypeWrapper<EntityModel>;
  EntityChange: ResolverTypeWrapper<Omit<EntityChange, 'entity'> & { entity?: Maybe<ResolversTypes['Entity']> }>;
  EntityChangeKind: EntityChangeKind;
  EntityConnection: ResolverTypeWrapper<ItemConnectionModel>;
  EntityEdge: ResolverTypeWrapper<ItemEdgeModel>;
  EntitySource: ResolverTypeWrapper<EntitySource>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  FloatFilter: FloatFilter;
  FloatListFilter: FloatListFilter;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  IPv4: ResolverTypeWrapper<Scalars['IPv4']['output']>;
  IPv6: ResolverTypeWrapper<Scalars['IPv6']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  JSONFilter: JsonFilter;
  JSONListFilter: JsonListFilter;
  LabeledURL: ResolverTypeWrapper<LabeledUrl>;
  Lattice: ResolverTypeWrapper<Lattice>;
  LatticeLoadError: ResolverTypeWrapper<LatticeLoadError>;
  LatticeStatusCode: LatticeStatusCode;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Node: ResolverTypeWrapper<EntityModel>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Resource: ResolverTypeWrapper<Resource>;
  ResourceConnection: ResolverTypeWrapper<ResourceConnection>;
  ResourceEdge: ResolverTypeWrapper<ResourceEdge>;
  ResourceFilter: ResourceFilter;
  ResourceOrderBy: ResourceOrderBy;
  ResourceType: ResourceType;
  ResourceTypeFilter: ResourceTypeFilter;
  ResourceTypeListFilter: ResourceTypeListFilter;
  RunApproval: ResolverTypeWrapper<ApprovalModel>;
  RunAutomation: ResolverTypeWrapper<RunAutomation>;
  RunFilter: RunFilter;
  RunLogLine: ResolverTypeWrapper<RunLogLineModel>;
  RunStatus: RunStatus;
  RunWaiver: ResolverTypeWrapper<RunWaiver>;
  ScorecardDefinition: ResolverTypeWrapper<ScorecardDefinition>;
  ScorecardLevel: ResolverTypeWrapper<ScorecardLevel>;
  ScorecardLevelFilter: ScorecardLevelFilter;
  ScorecardResult: ResolverTypeWrapper<ScorecardResult>;
  ScorecardRuleDefinition: ResolverTypeWrapper<ScorecardRuleDefinition>;
  ScorecardRuleResult: ResolverTypeWrapper<ScorecardRuleResult>;
  SourceConflict: ResolverTypeWrapper<SourceConflict>;
  SourceValue: ResolverTypeWrapper<SourceValue>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  StringFilter: StringFilter;
  StringListFilter: StringListFilter;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  System: ResolverTypeWrapper<System>;
  SystemConnection: ResolverTypeWrapper<SystemConnection>;
  SystemEdge: ResolverTypeWrapper<SystemEdge>;
  SystemFilter: SystemFilter;
  SystemOrderBy: SystemOrderBy;
  Timer: ResolverTypeWrapper<Timer>;
  URL: ResolverTypeWrapper<Scalars['URL']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  API: Api;
  APIConnection: ApiConnection;
  APIEdge: ApiEdge;
  APIFilter: ApiFilter;
  APITypeFilter: ApiTypeFilter;
  APITypeListFilter: ApiTypeListFilter;
  ActionDefinition: ActionDefinition;
  ActionRun: RunModel;
  ActionRunConnection: Omit<ActionRunConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['ActionRun']> };
  AuditActor: AuditActor;
  AuditEvent: AuditEvent;
  AuditEventConnection: AuditEventConnection;
  AuditLogFilter: AuditLogFilter;
  Blueprint: Blueprint;
  BlueprintRelation: BlueprintRelation;
  Boolean: Scalars['Boolean']['output'];
  BooleanFilter: BooleanFilter;
  BooleanListFilter: BooleanListFilter;
  Component: Component;
  ComponentConnection: ComponentConnection;
  ComponentEdge: ComponentEdge;
  ComponentFilter: ComponentFilter;
  ComponentTypeFilter: ComponentTypeFilter;
  ComponentTypeListFilter: ComponentTypeListFilter;
  DateTime: Scalars['DateTime']['output'];
  DateTimeFilter: DateTimeFilter;
  DateTimeListFilter: DateTimeListFilter;
  DevEnvironment: DevEnvironment;
  DevEnvironmentConnection: DevEnvironmentConnection;
  DevEnvironmentEdge: DevEnvironmentEdge;
  DevEnvironmentFilter: DevEnvironmentFilter;
  Domain: Domain;
  DomainConnection: DomainConnection;
  DomainEdge: DomainEdge;
  DomainFilter: DomainFilter;
  EmailAddress: Scalars['EmailAddress']['output'];
  Entity: EntityModel;
  EntityChange: Omit<EntityChange, 'entity'> & { entity?: Maybe<ResolversParentTypes['Entity']> };
  EntityConnection: ItemConnectionModel;
  EntityEdge: ItemEdgeModel;
  EntitySource: EntitySource;
  Float: Scalars['Float']['output'];
  FloatFilter: FloatFilter;
  FloatListFilter: FloatListFilter;
  ID: Scalars['ID']['output'];
  IPv4: Scalars['IPv4']['output'];
  IPv6: Scalars['IPv6']['output'];
  Int: Scalars['Int']['output'];
  JSON: Scalars['JSON']['output'];
  JSONFilter: JsonFilter;
  JSONListFilter: JsonListFilter;
  LabeledURL: LabeledUrl;
  Lattice: Lattice;
  LatticeLoadError: LatticeLoadError;
  Mutation: Record<PropertyKey, never>;
  Node: EntityModel;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  Resource: Resource;
  ResourceConnection: ResourceConnection;
  ResourceEdge: ResourceEdge;
  ResourceFilter: ResourceFilter;
  ResourceTypeFilter: ResourceTypeFilter;
  ResourceTypeListFilter: ResourceTypeListFilter;
  RunApproval: ApprovalModel;
  RunAutomation: RunAutomation;
  RunFilter: RunFilter;
  RunLogLine: RunLogLineModel;
  RunWaiver: RunWaiver;
  ScorecardDefinition: ScorecardDefinition;
  ScorecardLevel: ScorecardLevel;
  ScorecardLevelFilter: ScorecardLevelFilter;
  ScorecardResult: ScorecardResult;
  ScorecardRuleDefinition: ScorecardRuleDefinition;
  ScorecardRuleResult: ScorecardRuleResult;
  SourceConflict: SourceConflict;
  SourceValue: SourceValue;
  String: Scalars['String']['output'];
  StringFilter: StringFilter;
  StringListFilter: StringListFilter;
  Subscription: Record<PropertyKey, never>;
  System: System;
  SystemConnection: SystemConnection;
  SystemEdge: SystemEdge;
  SystemFilter: SystemFilter;
  Timer: Timer;
  URL: Scalars['URL']['output'];
};

export type ApiResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['API'] = ResolversParentTypes['API']> = {
  blueprint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  componentsByConsumesApi?: Resolver<ResolversTypes['ComponentConnection'], ParentType, ContextType, Partial<ApiComponentsByConsumesApiArgs>>;
  componentsByProvidesApi?: Resolver<ResolversTypes['ComponentConnection'], ParentType, ContextType, Partial<ApiComponentsByProvidesApiArgs>>;
  conflicts?: Resolver<Array<ResolversTypes['SourceConflict']>, ParentType, ContextType>;
  createdAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  icon?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  properties?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  provider?: Resolver<Maybe<ResolversTypes['Component']>, ParentType, ContextType>;
  relations?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  scorecards?: Resolver<Array<ResolversTypes['ScorecardResult']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['EntitySource'], ParentType, ContextType>;
  sources?: Resolver<Array<ResolversTypes['EntitySource']>, ParentType, ContextType>;
  team?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['APIType']>, ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  updatedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ApiConnectionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['APIConnection'] = ResolversParentTypes['APIConnection']> = {
  edges?: Resolver<Array<ResolversTypes['APIEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<Maybe<ResolversTypes['API']>>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ApiEdgeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['APIEdge'] = ResolversParentTypes['APIEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<Maybe<ResolversTypes['API']>, ParentType, ContextType>;
};

export type ActionDefinitionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ActionDefinition'] = ResolversParentTypes['ActionDefinition']> = {
  blueprint?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  definition?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  inputsSchema?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  mutationName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  operation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ActionRunResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ActionRun'] = ResolversParentTypes['ActionRun']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  approvals?: Resolver<Array<ResolversTypes['RunApproval']>, ParentType, ContextType>;
  automation?: Resolver<Maybe<ResolversTypes['RunAutomation']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dryRun?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  endedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  entity?: Resolver<Maybe<ResolversTypes['Entity']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  inputs?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  invocation?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  links?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  logs?: Resolver<Array<ResolversTypes['RunLogLine']>, ParentType, ContextType, Partial<ActionRunLogsArgs>>;
  retryOf?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['RunStatus'], ParentType, ContextType>;
  statusLabel?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  summary?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  waivedBy?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  waiver?: Resolver<Maybe<ResolversTypes['RunWaiver']>, ParentType, ContextType>;
};

export type ActionRunConnectionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ActionRunConnection'] = ResolversParentTypes['ActionRunConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['ActionRun']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type AuditActorResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['AuditActor'] = ResolversParentTypes['AuditActor']> = {
  user?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  via?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuditEventResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = {
  actor?: Resolver<ResolversTypes['AuditActor'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  code?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  event?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['AuditOutcome'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
};

export type AuditEventConnectionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['AuditEventConnection'] = ResolversParentTypes['AuditEventConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['AuditEvent']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type BlueprintResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Blueprint'] = ResolversParentTypes['Blueprint']> = {
  definition?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  icon?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  relations?: Resolver<Array<ResolversTypes['BlueprintRelation']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  typeName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type BlueprintRelationResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['BlueprintRelation'] = ResolversParentTypes['BlueprintRelation']> = {
  fieldName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  many?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  required?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reverseFieldName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ComponentResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Component'] = ResolversParentTypes['Component']> = {
  apisByProvider?: Resolver<ResolversTypes['APIConnection'], ParentType, ContextType, Partial<ComponentApisByProviderArgs>>;
  blueprint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  components?: Resolver<ResolversTypes['ComponentConnection'], ParentType, ContextType, Partial<ComponentComponentsArgs>>;
  componentsByComponents?: Resolver<ResolversTypes['ComponentConnection'], ParentType, ContextType, Partial<ComponentComponentsByComponentsArgs>>;
  conflicts?: Resolver<Array<ResolversTypes['SourceConflict']>, ParentType, ContextType>;
  consumesApi?: Resolver<ResolversTypes['APIConnection'], ParentType, ContextType, Partial<ComponentConsumesApiArgs>>;
  createdAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  icon?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kubernetesCluster?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kubernetesDeployment?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kubernetesNamespace?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  properties?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  providesApi?: Resolver<Maybe<ResolversTypes['API']>, ParentType, ContextType>;
  relations?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  resources?: Resolver<ResolversTypes['ResourceConnection'], ParentType, ContextType, Partial<ComponentResourcesArgs>>;
  scorecards?: Resolver<Array<ResolversTypes['ScorecardResult']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['EntitySource'], ParentType, ContextType>;
  sources?: Resolver<Array<ResolversTypes['EntitySource']>, ParentType, ContextType>;
  system?: Resolver<Maybe<ResolversTypes['System']>, ParentType, ContextType>;
  team?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['ComponentType']>, ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  updatedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ComponentConnectionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ComponentConnection'] = ResolversParentTypes['ComponentConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ComponentEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<Maybe<ResolversTypes['Component']>>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ComponentEdgeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ComponentEdge'] = ResolversParentTypes['ComponentEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<Maybe<ResolversTypes['Component']>, ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DevEnvironmentResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['DevEnvironment'] = ResolversParentTypes['DevEnvironment']> = {
  blueprint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  cluster?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  conflicts?: Resolver<Array<ResolversTypes['SourceConflict']>, ParentType, ContextType>;
  createdAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['Timer']>, ParentType, ContextType>;
  extensions?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  icon?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  properties?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  relations?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  scorecards?: Resolver<Array<ResolversTypes['ScorecardResult']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['EntitySource'], ParentType, ContextType>;
  sources?: Resolver<Array<ResolversTypes['EntitySource']>, ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  team?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  updatedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DevEnvironmentConnectionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['DevEnvironmentConnection'] = ResolversParentTypes['DevEnvironmentConnection']> = {
  edges?: Resolver<Array<ResolversTypes['DevEnvironmentEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<Maybe<ResolversTypes['DevEnvironment']>>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type DevEnvironmentEdgeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['DevEnvironmentEdge'] = ResolversParentTypes['DevEnvironmentEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<Maybe<ResolversTypes['DevEnvironment']>, ParentType, ContextType>;
};

export type DomainResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Domain'] = ResolversParentTypes['Domain']> = {
  blueprint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  conflicts?: Resolver<Array<ResolversTypes['SourceConflict']>, ParentType, ContextType>;
  createdAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  icon?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  properties?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  relations?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  scorecards?: Resolver<Array<ResolversTypes['ScorecardResult']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['EntitySource'], ParentType, ContextType>;
  sources?: Resolver<Array<ResolversTypes['EntitySource']>, ParentType, ContextType>;
  systemsByDomain?: Resolver<ResolversTypes['SystemConnection'], ParentType, ContextType, Partial<DomainSystemsByDomainArgs>>;
  team?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  updatedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DomainConnectionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['DomainConnection'] = ResolversParentTypes['DomainConnection']> = {
  edges?: Resolver<Array<ResolversTypes['DomainEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<Maybe<ResolversTypes['Domain']>>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type DomainEdgeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['DomainEdge'] = ResolversParentTypes['DomainEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<Maybe<ResolversTypes['Domain']>, ParentType, ContextType>;
};

export interface EmailAddressScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['EmailAddress'], any> {
  name: 'EmailAddress';
}

export type EntityResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Entity'] = ResolversParentTypes['Entity']> = {
  __resolveType: TypeResolveFn<'API' | 'Component' | 'DevEnvironment' | 'Domain' | 'Resource' | 'System', ParentType, ContextType>;
};

export type EntityChangeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['EntityChange'] = ResolversParentTypes['EntityChange']> = {
  blueprint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  change?: Resolver<ResolversTypes['EntityChangeKind'], ParentType, ContextType>;
  entity?: Resolver<Maybe<ResolversTypes['Entity']>, ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type EntityConnectionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['EntityConnection'] = ResolversParentTypes['EntityConnection']> = {
  edges?: Resolver<Array<ResolversTypes['EntityEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<Maybe<ResolversTypes['Entity']>>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type EntityEdgeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['EntityEdge'] = ResolversParentTypes['EntityEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<Maybe<ResolversTypes['Entity']>, ParentType, ContextType>;
};

export type EntitySourceResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['EntitySource'] = ResolversParentTypes['EntitySource']> = {
  fetchedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stale?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export interface IPv4ScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['IPv4'], any> {
  name: 'IPv4';
}

export interface IPv6ScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['IPv6'], any> {
  name: 'IPv6';
}

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type LabeledUrlResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['LabeledURL'] = ResolversParentTypes['LabeledURL']> = {
  displayText?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LatticeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Lattice'] = ResolversParentTypes['Lattice']> = {
  errors?: Resolver<Array<ResolversTypes['LatticeLoadError']>, ParentType, ContextType>;
  loadedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['LatticeStatusCode'], ParentType, ContextType>;
  warnings?: Resolver<Array<ResolversTypes['LatticeLoadError']>, ParentType, ContextType>;
};

export type LatticeLoadErrorResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['LatticeLoadError'] = ResolversParentTypes['LatticeLoadError']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  column?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  file?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  line?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pointer?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  appendRunLog?: Resolver<ResolversTypes['RunLogLine'], ParentType, ContextType, RequireFields<MutationAppendRunLogArgs, 'id' | 'message' | 'token'>>;
  approveRun?: Resolver<ResolversTypes['ActionRun'], ParentType, ContextType, RequireFields<MutationApproveRunArgs, 'id'>>;
  cancelRun?: Resolver<ResolversTypes['ActionRun'], ParentType, ContextType, RequireFields<MutationCancelRunArgs, 'id'>>;
  declineRun?: Resolver<ResolversTypes['ActionRun'], ParentType, ContextType, RequireFields<MutationDeclineRunArgs, 'id' | 'reason'>>;
  deleteEntity?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteEntityArgs, 'blueprint' | 'deleteDependents' | 'identifier'>>;
  executeAction?: Resolver<ResolversTypes['ActionRun'], ParentType, ContextType, RequireFields<MutationExecuteActionArgs, 'action' | 'dryRun' | 'inputs'>>;
  requestGateWaiver?: Resolver<ResolversTypes['ActionRun'], ParentType, ContextType, RequireFields<MutationRequestGateWaiverArgs, 'action' | 'durationSeconds' | 'entity' | 'reason'>>;
  retryRun?: Resolver<ResolversTypes['ActionRun'], ParentType, ContextType, RequireFields<MutationRetryRunArgs, 'id'>>;
  updateRun?: Resolver<ResolversTypes['ActionRun'], ParentType, ContextType, RequireFields<MutationUpdateRunArgs, 'id' | 'token'>>;
  upsertEntity?: Resolver<ResolversTypes['Entity'], ParentType, ContextType, RequireFields<MutationUpsertEntityArgs, 'blueprint' | 'identifier' | 'merge'>>;
};

export type NodeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = {
  __resolveType: TypeResolveFn<'API' | 'Component' | 'DevEnvironment' | 'Domain' | 'Resource' | 'System', ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  actions?: Resolver<Array<ResolversTypes['ActionDefinition']>, ParentType, ContextType>;
  api?: Resolver<Maybe<ResolversTypes['API']>, ParentType, ContextType, RequireFields<QueryApiArgs, 'identifier'>>;
  apis?: Resolver<ResolversTypes['APIConnection'], ParentType, ContextType, Partial<QueryApisArgs>>;
  auditLog?: Resolver<ResolversTypes['AuditEventConnection'], ParentType, ContextType, Partial<QueryAuditLogArgs>>;
  blueprints?: Resolver<Array<ResolversTypes['Blueprint']>, ParentType, ContextType>;
  component?: Resolver<Maybe<ResolversTypes['Component']>, ParentType, ContextType, RequireFields<QueryComponentArgs, 'identifier'>>;
  components?: Resolver<ResolversTypes['ComponentConnection'], ParentType, ContextType, Partial<QueryComponentsArgs>>;
  devEnvironment?: Resolver<Maybe<ResolversTypes['DevEnvironment']>, ParentType, ContextType, RequireFields<QueryDevEnvironmentArgs, 'identifier'>>;
  devEnvironments?: Resolver<ResolversTypes['DevEnvironmentConnection'], ParentType, ContextType, Partial<QueryDevEnvironmentsArgs>>;
  domain?: Resolver<Maybe<ResolversTypes['Domain']>, ParentType, ContextType, RequireFields<QueryDomainArgs, 'identifier'>>;
  domains?: Resolver<ResolversTypes['DomainConnection'], ParentType, ContextType, Partial<QueryDomainsArgs>>;
  entity?: Resolver<Maybe<ResolversTypes['Entity']>, ParentType, ContextType, RequireFields<QueryEntityArgs, 'blueprint' | 'identifier'>>;
  lattice?: Resolver<ResolversTypes['Lattice'], ParentType, ContextType>;
  node?: Resolver<Maybe<ResolversTypes['Node']>, ParentType, ContextType, RequireFields<QueryNodeArgs, 'id'>>;
  resource?: Resolver<Maybe<ResolversTypes['Resource']>, ParentType, ContextType, RequireFields<QueryResourceArgs, 'identifier'>>;
  resources?: Resolver<ResolversTypes['ResourceConnection'], ParentType, ContextType, Partial<QueryResourcesArgs>>;
  run?: Resolver<Maybe<ResolversTypes['ActionRun']>, ParentType, ContextType, RequireFields<QueryRunArgs, 'id'>>;
  runs?: Resolver<ResolversTypes['ActionRunConnection'], ParentType, ContextType, Partial<QueryRunsArgs>>;
  scorecardDefinitions?: Resolver<Array<ResolversTypes['ScorecardDefinition']>, ParentType, ContextType, Partial<QueryScorecardDefinitionsArgs>>;
  search?: Resolver<ResolversTypes['EntityConnection'], ParentType, ContextType, RequireFields<QuerySearchArgs, 'query'>>;
  system?: Resolver<Maybe<ResolversTypes['System']>, ParentType, ContextType, RequireFields<QuerySystemArgs, 'identifier'>>;
  systems?: Resolver<ResolversTypes['SystemConnection'], ParentType, ContextType, Partial<QuerySystemsArgs>>;
};

export type ResourceResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Resource'] = ResolversParentTypes['Resource']> = {
  blueprint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  componentsByResources?: Resolver<ResolversTypes['ComponentConnection'], ParentType, ContextType, Partial<ResourceComponentsByResourcesArgs>>;
  conflicts?: Resolver<Array<ResolversTypes['SourceConflict']>, ParentType, ContextType>;
  createdAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  icon?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  properties?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  relations?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  scorecards?: Resolver<Array<ResolversTypes['ScorecardResult']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['EntitySource'], ParentType, ContextType>;
  sources?: Resolver<Array<ResolversTypes['EntitySource']>, ParentType, ContextType>;
  team?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['ResourceType']>, ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  updatedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ResourceConnectionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ResourceConnection'] = ResolversParentTypes['ResourceConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ResourceEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<Maybe<ResolversTypes['Resource']>>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ResourceEdgeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ResourceEdge'] = ResolversParentTypes['ResourceEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<Maybe<ResolversTypes['Resource']>, ParentType, ContextType>;
};

export type RunApprovalResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['RunApproval'] = ResolversParentTypes['RunApproval']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  decision?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  user?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RunAutomationResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['RunAutomation'] = ResolversParentTypes['RunAutomation']> = {
  depth?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  event?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RunLogLineResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['RunLogLine'] = ResolversParentTypes['RunLogLine']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RunWaiverResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['RunWaiver'] = ResolversParentTypes['RunWaiver']> = {
  durationSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ScorecardDefinitionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ScorecardDefinition'] = ResolversParentTypes['ScorecardDefinition']> = {
  blueprint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  definition?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  filter?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  levels?: Resolver<Array<ResolversTypes['ScorecardLevel']>, ParentType, ContextType>;
  rules?: Resolver<Array<ResolversTypes['ScorecardRuleDefinition']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ScorecardLevelResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ScorecardLevel'] = ResolversParentTypes['ScorecardLevel']> = {
  color?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ScorecardResultResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ScorecardResult'] = ResolversParentTypes['ScorecardResult']> = {
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  levels?: Resolver<Array<ResolversTypes['ScorecardLevel']>, ParentType, ContextType>;
  rules?: Resolver<Array<ResolversTypes['ScorecardRuleResult']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ScorecardRuleDefinitionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ScorecardRuleDefinition'] = ResolversParentTypes['ScorecardRuleDefinition']> = {
  actions?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  query?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ScorecardRuleResultResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ScorecardRuleResult'] = ResolversParentTypes['ScorecardRuleResult']> = {
  actions?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  passed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SourceConflictResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['SourceConflict'] = ResolversParentTypes['SourceConflict']> = {
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  values?: Resolver<Array<ResolversTypes['SourceValue']>, ParentType, ContextType>;
};

export type SourceValueResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['SourceValue'] = ResolversParentTypes['SourceValue']> = {
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  entityChanged?: SubscriptionResolver<ResolversTypes['EntityChange'], "entityChanged", ParentType, ContextType, RequireFields<SubscriptionEntityChangedArgs, 'blueprint'>>;
  runLogs?: SubscriptionResolver<ResolversTypes['RunLogLine'], "runLogs", ParentType, ContextType, RequireFields<SubscriptionRunLogsArgs, 'id'>>;
  runUpdated?: SubscriptionResolver<ResolversTypes['ActionRun'], "runUpdated", ParentType, ContextType, RequireFields<SubscriptionRunUpdatedArgs, 'id'>>;
  runs?: SubscriptionResolver<ResolversTypes['ActionRun'], "runs", ParentType, ContextType, Partial<SubscriptionRunsArgs>>;
};

export type SystemResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['System'] = ResolversParentTypes['System']> = {
  blueprint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  componentsBySystem?: Resolver<ResolversTypes['ComponentConnection'], ParentType, ContextType, Partial<SystemComponentsBySystemArgs>>;
  conflicts?: Resolver<Array<ResolversTypes['SourceConflict']>, ParentType, ContextType>;
  createdAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  domain?: Resolver<Maybe<ResolversTypes['Domain']>, ParentType, ContextType>;
  icon?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  properties?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  relations?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  scorecards?: Resolver<Array<ResolversTypes['ScorecardResult']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['EntitySource'], ParentType, ContextType>;
  sources?: Resolver<Array<ResolversTypes['EntitySource']>, ParentType, ContextType>;
  team?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  updatedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type SystemConnectionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['SystemConnection'] = ResolversParentTypes['SystemConnection']> = {
  edges?: Resolver<Array<ResolversTypes['SystemEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<Maybe<ResolversTypes['System']>>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SystemEdgeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['SystemEdge'] = ResolversParentTypes['SystemEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<Maybe<ResolversTypes['System']>, ParentType, ContextType>;
};

export type TimerResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Timer'] = ResolversParentTypes['Timer']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  isExpired?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  remainingSeconds?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export interface UrlScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['URL'], any> {
  name: 'URL';
}

export type Resolvers<ContextType = RequestContext> = {
  API?: ApiResolvers<ContextType>;
  APIConnection?: ApiConnectionResolvers<ContextType>;
  APIEdge?: ApiEdgeResolvers<ContextType>;
  ActionDefinition?: ActionDefinitionResolvers<ContextType>;
  ActionRun?: ActionRunResolvers<ContextType>;
  ActionRunConnection?: ActionRunConnectionResolvers<ContextType>;
  AuditActor?: AuditActorResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditEventConnection?: AuditEventConnectionResolvers<ContextType>;
  Blueprint?: BlueprintResolvers<ContextType>;
  BlueprintRelation?: BlueprintRelationResolvers<ContextType>;
  Component?: ComponentResolvers<ContextType>;
  ComponentConnection?: ComponentConnectionResolvers<ContextType>;
  ComponentEdge?: ComponentEdgeResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DevEnvironment?: DevEnvironmentResolvers<ContextType>;
  DevEnvironmentConnection?: DevEnvironmentConnectionResolvers<ContextType>;
  DevEnvironmentEdge?: DevEnvironmentEdgeResolvers<ContextType>;
  Domain?: DomainResolvers<ContextType>;
  DomainConnection?: DomainConnectionResolvers<ContextType>;
  DomainEdge?: DomainEdgeResolvers<ContextType>;
  EmailAddress?: GraphQLScalarType;
  Entity?: EntityResolvers<ContextType>;
  EntityChange?: EntityChangeResolvers<ContextType>;
  EntityConnection?: EntityConnectionResolvers<ContextType>;
  EntityEdge?: EntityEdgeResolvers<ContextType>;
  EntitySource?: EntitySourceResolvers<ContextType>;
  IPv4?: GraphQLScalarType;
  IPv6?: GraphQLScalarType;
  JSON?: GraphQLScalarType;
  LabeledURL?: LabeledUrlResolvers<ContextType>;
  Lattice?: LatticeResolvers<ContextType>;
  LatticeLoadError?: LatticeLoadErrorResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Resource?: ResourceResolvers<ContextType>;
  ResourceConnection?: ResourceConnectionResolvers<ContextType>;
  ResourceEdge?: ResourceEdgeResolvers<ContextType>;
  RunApproval?: RunApprovalResolvers<ContextType>;
  RunAutomation?: RunAutomationResolvers<ContextType>;
  RunLogLine?: RunLogLineResolvers<ContextType>;
  RunWaiver?: RunWaiverResolvers<ContextType>;
  ScorecardDefinition?: ScorecardDefinitionResolvers<ContextType>;
  ScorecardLevel?: ScorecardLevelResolvers<ContextType>;
  ScorecardResult?: ScorecardResultResolvers<ContextType>;
  ScorecardRuleDefinition?: ScorecardRuleDefinitionResolvers<ContextType>;
  ScorecardRuleResult?: ScorecardRuleResultResolvers<ContextType>;
  SourceConflict?: SourceConflictResolvers<ContextType>;
  SourceValue?: SourceValueResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  System?: SystemResolvers<ContextType>;
  SystemConnection?: SystemConnectionResolvers<ContextType>;
  SystemEdge?: SystemEdgeResolvers<ContextType>;
  Timer?: TimerResolvers<ContextType>;
  URL?: GraphQLScalarType;
};

