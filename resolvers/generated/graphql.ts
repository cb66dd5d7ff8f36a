export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date-time, e.g. 2026-11-24T09:00:00Z. */
  DateTime: { input: string; output: string; }
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
  icon?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  identifier: Scalars['String']['output'];
  properties: Scalars['JSON']['output'];
  provider?: Maybe<Component>;
  relations: Scalars['JSON']['output'];
  source: EntitySource;
  sources: Array<EntitySource>;
  team: Array<Scalars['String']['output']>;
  title?: Maybe<Scalars['String']['output']>;
  type?: Maybe<ApiType>;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
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
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  endedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The entity the action ran on (DAY-2 and DELETE actions). */
  entity?: Maybe<Entity>;
  id: Scalars['ID']['output'];
  /** The inputs as given, secret inputs masked. */
  inputs: Scalars['JSON']['output'];
  links: Array<Scalars['String']['output']>;
  /** Log lines after `after` (a cursor), at most `first`. */
  logs: Array<RunLogLine>;
  status: RunStatus;
  statusLabel?: Maybe<Scalars['String']['output']>;
  summary?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
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
  icon?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  identifier: Scalars['String']['output'];
  properties: Scalars['JSON']['output'];
  providesApi?: Maybe<Api>;
  relations: Scalars['JSON']['output'];
  resources: ResourceConnection;
  source: EntitySource;
  sources: Array<EntitySource>;
  system?: Maybe<System>;
  team: Array<Scalars['String']['output']>;
  title?: Maybe<Scalars['String']['output']>;
  type?: Maybe<ComponentType>;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
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

/** Domain */
export type Domain = Entity & Node & {
  __typename?: 'Domain';
  blueprint: Scalars['String']['output'];
  conflicts: Array<SourceConflict>;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  icon?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  identifier: Scalars['String']['output'];
  properties: Scalars['JSON']['output'];
  relations: Scalars['JSON']['output'];
  source: EntitySource;
  sources: Array<EntitySource>;
  /** System entities whose "domain" relation points here. */
  systemsByDomain: SystemConnection;
  team: Array<Scalars['String']['output']>;
  title?: Maybe<Scalars['String']['output']>;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
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
  icon?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** The entity's identifier, unique within its blueprint. */
  identifier: Scalars['String']['output'];
  /** All properties as stored, with enum values as written in the blueprint. */
  properties: Scalars['JSON']['output'];
  /** All relations as stored: identifier or list of identifiers per relation. */
  relations: Scalars['JSON']['output'];
  /** Where the entity's data came from: its live source (the first, when several), else the catalog. */
  source: EntitySource;
  /** Every layer the entity was merged from: the catalog, then live sources in configuration order. */
  sources: Array<EntitySource>;
  /** The teams that own the entity. */
  team: Array<Scalars['String']['output']>;
  title?: Maybe<Scalars['String']['output']>;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
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
  /** Deletes an entity; returns false when it did not exist. */
  deleteEntity: Scalars['Boolean']['output'];
  /** Runs any action with untyped inputs (each action also has a typed mutation). The same idempotency key returns the same run. */
  executeAction: ActionRun;
  /** For executors, with the run's token: report status, label, a link, a summary. */
  updateRun: ActionRun;
  /** Creates or replaces an entity; it is validated against its blueprint first. */
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
  identifier: Scalars['String']['input'];
};


export type MutationExecuteActionArgs = {
  action: Scalars['String']['input'];
  entity?: InputMaybe<Scalars['String']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  inputs: Scalars['JSON']['input'];
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
  /** The blueprints of the model. */
  blueprints: Array<Blueprint>;
  component?: Maybe<Component>;
  components: ComponentConnection;
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
  icon?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  identifier: Scalars['String']['output'];
  properties: Scalars['JSON']['output'];
  relations: Scalars['JSON']['output'];
  source: EntitySource;
  sources: Array<EntitySource>;
  team: Array<Scalars['String']['output']>;
  title?: Maybe<Scalars['String']['output']>;
  type?: Maybe<ResourceType>;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
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
  domain?: Maybe<Domain>;
  icon?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  identifier: Scalars['String']['output'];
  properties: Scalars['JSON']['output'];
  relations: Scalars['JSON']['output'];
  source: EntitySource;
  sources: Array<EntitySource>;
  team: Array<Scalars['String']['output']>;
  title?: Maybe<Scalars['String']['output']>;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
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
