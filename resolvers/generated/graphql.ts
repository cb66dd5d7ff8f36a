import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { NodeValue as NodeValueModel, BlueprintId as BlueprintIdModel } from '../types.ts';
import type { Entity as EntityModel } from '../../src/model/entities/entity.ts';
import type { ItemConnection as ItemConnectionModel, ItemEdge as ItemEdgeModel } from '../../src/model/query/connection.ts';
import type { Run as RunModel, Approval as ApprovalModel, RunLogLine as RunLogLineModel } from '../../src/data/run.ts';
import type { RunsPage as RunsPageModel } from '../runsPage.ts';
import type { RequestContext } from '../../src/context/index.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type EnumResolverSignature<T, AllowedValues = any> = { [key in keyof T]?: AllowedValues };
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

/** API: an entity of blueprint "API". */
export type Api = Entity & Node & {
  __typename?: 'API';
  /** The entity's blueprint. */
  blueprint: BlueprintIdentifier;
  /** Component entities whose "consumesApi" relation points here. */
  componentsByConsumesApi: ComponentConnection;
  /** Component entities whose "providesApi" relation points here. */
  componentsByProvidesApi: ComponentConnection;
  /** Fields that two layers set to different values; the first layer's value is served. */
  conflicts: Array<SourceConflict>;
  /** When the entity was created (Port's `$createdAt`). */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who created the entity through the API; null for entities from catalog files and live sources. */
  createdBy?: Maybe<Scalars['String']['output']>;
  /** The entity's icon (Port's `$icon`). */
  icon?: Maybe<Scalars['String']['output']>;
  /** Global, opaque identifier: pass it to `node(id:)`. */
  id: Scalars['ID']['output'];
  /** The entity's identifier, unique within its blueprint. */
  identifier: Scalars['String']['output'];
  /** All properties as stored, with enum values as written in the blueprint. */
  properties: Scalars['JSON']['output'];
  /** Relation "provider" of blueprint "API" (required): the Component entity it points to. */
  provider: Component;
  /** All relations as stored: identifier or list of identifiers per relation. */
  relations: Scalars['JSON']['output'];
  /** Each scorecard of the entity's blueprint that grades it (its filter selects it), evaluated live from the data served now. */
  scorecards: Array<ScorecardResult>;
  /** Where the entity's data came from: its live source (the first, when several), else the catalog. */
  source: EntitySource;
  /** Every layer the entity was merged from: the catalog, then live sources in configuration order. */
  sources: Array<EntitySource>;
  /** The teams that own the entity (Port's `$team`). */
  team: Array<Scalars['String']['output']>;
  /** The entity's title (Port's `$title`). */
  title?: Maybe<Scalars['String']['output']>;
  /** Property "type" of blueprint "API". */
  type?: Maybe<ApiType>;
  /** When the entity was last changed (Port's `$updatedAt`). */
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who last changed the entity through the API; null for entities from catalog files and live sources. */
  updatedBy?: Maybe<Scalars['String']['output']>;
};


/** API: an entity of blueprint "API". */
export type ApiComponentsByConsumesApiArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ComponentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ComponentOrderBy>>;
};


/** API: an entity of blueprint "API". */
export type ApiComponentsByProvidesApiArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ComponentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ComponentOrderBy>>;
};

/** A page of API entities (a Relay connection). */
export type ApiConnection = {
  __typename?: 'APIConnection';
  /** The API entities of the page, each with its cursor. */
  edges: Array<ApiEdge>;
  /** The API entities of the page; an entry is null (with an error naming it) when a relation points at an entity that does not exist. */
  nodes: Array<Maybe<Api>>;
  /** Where the page is: cursors and whether there are more. */
  pageInfo: PageInfo;
  /** How many API entities match, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** A API entity and its cursor. */
export type ApiEdge = {
  __typename?: 'APIEdge';
  /** Pass it as `after` or `before` to page from here. */
  cursor: Scalars['String']['output'];
  /** The API entity; null (with an error naming it) when a relation points at an entity that does not exist. */
  node?: Maybe<Api>;
};

/** A condition on API entities: every field given must hold. */
export type ApiFilter = {
  /** Every one of these conditions holds. */
  and?: InputMaybe<Array<ApiFilter>>;
  /** A condition on the meta field $createdAt. */
  createdAt?: InputMaybe<DateTimeFilter>;
  /** A condition on the meta field $icon. */
  icon?: InputMaybe<StringFilter>;
  /** A condition on the meta field $identifier. */
  identifier?: InputMaybe<StringFilter>;
  /** This condition does not hold. */
  not?: InputMaybe<ApiFilter>;
  /** At least one of these conditions holds. */
  or?: InputMaybe<Array<ApiFilter>>;
  /** Matches when the entity the "provider" relation points to matches. */
  provider?: InputMaybe<ComponentFilter>;
  /** A condition on the meta field $team. */
  team?: InputMaybe<StringListFilter>;
  /** A condition on the meta field $title. */
  title?: InputMaybe<StringFilter>;
  /** A condition on property "type" of blueprint "API". */
  type?: InputMaybe<ApiTypeFilter>;
  /** A condition on the meta field $updatedAt. */
  updatedAt?: InputMaybe<DateTimeFilter>;
};

/** The orders of API entities. */
export type ApiOrderBy =
  /** By the meta field $createdAt, ascending. */
  | 'CREATED_AT_ASC'
  /** By the meta field $createdAt, descending. */
  | 'CREATED_AT_DESC'
  /** By the meta field $icon, ascending. */
  | 'ICON_ASC'
  /** By the meta field $icon, descending. */
  | 'ICON_DESC'
  /** By the meta field $identifier, ascending. */
  | 'IDENTIFIER_ASC'
  /** By the meta field $identifier, descending. */
  | 'IDENTIFIER_DESC'
  /** By the meta field $title, ascending. */
  | 'TITLE_ASC'
  /** By the meta field $title, descending. */
  | 'TITLE_DESC'
  /** By "type", ascending. */
  | 'TYPE_ASC'
  /** By "type", descending. */
  | 'TYPE_DESC'
  /** By the meta field $updatedAt, ascending. */
  | 'UPDATED_AT_ASC'
  /** By the meta field $updatedAt, descending. */
  | 'UPDATED_AT_DESC';

/** Changes to a API entity: what is given is set (null clears it), what is not given is kept. */
export type ApiPatch = {
  /** The entity's icon; null clears it. */
  icon?: InputMaybe<Scalars['String']['input']>;
  /** Relation "provider" of blueprint "API": the identifier of the Component entity it points to (required). Null clears it. */
  provider?: InputMaybe<Scalars['String']['input']>;
  /** The teams that own the entity; null clears it. */
  team?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The entity's title; null clears it. */
  title?: InputMaybe<Scalars['String']['input']>;
  /** Property "type" of blueprint "API": its value. Null clears it. */
  type?: InputMaybe<ApiType>;
};

/** The values of property "type" of blueprint "API". */
export type ApiType =
  /** As written: "grpc" */
  | 'GRPC'
  /** As written: "Open API" */
  | 'OPEN_API';

/** A condition on a APIType value. */
export type ApiTypeFilter = {
  /** Equal to this value. */
  equalTo?: InputMaybe<ApiType>;
  /** One of these values. */
  in?: InputMaybe<Array<ApiType>>;
  /** true: the value is not set; false: it is set. */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** Not equal to this value. */
  notEqualTo?: InputMaybe<ApiType>;
  /** None of these values. */
  notIn?: InputMaybe<Array<ApiType>>;
};

/** A condition on a list of APIType values. */
export type ApiTypeListFilter = {
  /** The list holds this value. */
  contains?: InputMaybe<ApiType>;
  /** true: the list is empty; false: it has a value. */
  isEmpty?: InputMaybe<Scalars['Boolean']['input']>;
  /** true: the list is not set; false: it is set. */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
};

/** An action as loaded. */
export type ActionDefinition = {
  __typename?: 'ActionDefinition';
  /** The blueprint whose entities it runs on (DAY-2 and DELETE), or that it creates. */
  blueprint?: Maybe<BlueprintIdentifier>;
  /** The action as written (Port format). */
  definition: Scalars['JSON']['output'];
  /** The action's description, when set. */
  description?: Maybe<Scalars['String']['output']>;
  /** The action's identifier. */
  identifier: Scalars['String']['output'];
  /** userInputs as JSON Schema. */
  inputsSchema: Scalars['JSON']['output'];
  /** The typed mutation generated for it. */
  mutationName: Scalars['String']['output'];
  /** When the action applies. */
  operation: ActionOperation;
  /** The action's title. */
  title: Scalars['String']['output'];
};

/** When an action applies (Port's `trigger.operation`). */
export type ActionOperation =
  /** Creates something: runs on no entity. */
  | 'CREATE'
  /** Acts on an existing entity (Port's `DAY-2`). */
  | 'DAY-2'
  /** Deletes an existing entity. */
  | 'DELETE';

/** One execution of a self-service action. */
export type ActionRun = Node & {
  __typename?: 'ActionRun';
  /** The action's identifier. */
  action: Scalars['String']['output'];
  /** APPROVE or DECLINE decisions, in order. */
  approvals: Array<RunApproval>;
  /** Set when an automation made the run: which, for which event, how deep in a chain of automations. */
  automation?: Maybe<RunAutomation>;
  /** When the run was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Who ran the action. */
  createdBy: Scalars['String']['output'];
  /** True for the answer of `executeAction(dryRun: true)`: checked, rendered, neither stored nor invoked. */
  dryRun: Scalars['Boolean']['output'];
  /** When the run ended; null while it has not. */
  endedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The entity the action ran on (DAY-2 and DELETE actions). */
  entity?: Maybe<Entity>;
  /** The run's id (`run_…`): global and opaque; `node(id:)` and `run(id:)` take it. */
  id: Scalars['ID']['output'];
  /** The inputs as given, secret inputs masked. */
  inputs: Scalars['JSON']['output'];
  /** A dry run's rendered invocation method, secrets and the run token as "***"; null otherwise. */
  invocation?: Maybe<Scalars['JSON']['output']>;
  /** Links its executor reported (a workflow run, a pull request…). */
  links: Array<Scalars['String']['output']>;
  /** Log lines after `after` (a cursor), at most `first`. */
  logs: Array<RunLogLine>;
  /** The FAILURE run this run retries (`retryRun`). */
  retryOf?: Maybe<Scalars['ID']['output']>;
  /** Where the run is in its lifecycle. */
  status: RunStatus;
  /** A short status text its executor reported, when it did. */
  statusLabel?: Maybe<Scalars['String']['output']>;
  /** A summary its executor reported, when it did. */
  summary?: Maybe<Scalars['String']['output']>;
  /** When the run last changed. */
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

/** A page of runs (a Relay connection). */
export type ActionRunConnection = {
  __typename?: 'ActionRunConnection';
  /** The runs of the page, each with its cursor. */
  edges: Array<ActionRunEdge>;
  /** The runs of the page. */
  nodes: Array<ActionRun>;
  /** Where the page is: cursors and whether there are more. */
  pageInfo: PageInfo;
  /** How many runs the caller may see match the filter, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** A run and its cursor. */
export type ActionRunEdge = {
  __typename?: 'ActionRunEdge';
  /** Pass it as `after` to page from here. */
  cursor: Scalars['String']['output'];
  /** The run. */
  node: ActionRun;
};

/** Who did something, and how they authenticated. */
export type AuditActor = {
  __typename?: 'AuditActor';
  /** The user (an e-mail, a token's user, `anonymous`, `executor`). */
  user: Scalars['String']['output'];
  /** How the actor authenticated: token:<name>, jwt, anonymous, executor token, credentials (refused ones). */
  via: Scalars['String']['output'];
};

/** One audit event: who did what to what, when, and how it ended. */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  /** Who did it. */
  actor: AuditActor;
  /** When it happened. */
  at: Scalars['DateTime']['output'];
  /** The error code of a refusal or a failure. */
  code?: Maybe<Scalars['String']['output']>;
  /** entity.upsert, entity.delete, run.create, run.dryRun, run.retry, run.approve, run.decline, run.cancel, run.report, run.log, waiver.request, gate.waived, authenticate, auditLog.read; refusals at the door: http.graphql and ws.subscribe (rate limit, trusted documents), federation (_service/_entities) */
  event: Scalars['String']['output'];
  /** Opaque, increasing with time. */
  id: Scalars['ID']['output'];
  /** How it ended. */
  outcome: AuditOutcome;
  /** What the event is about: { blueprint, identifier }, { action, entity, runId } or { runId }. */
  target: Scalars['JSON']['output'];
};

/** A page of audit events. */
export type AuditEventConnection = {
  __typename?: 'AuditEventConnection';
  /** The events of the page. */
  nodes: Array<AuditEvent>;
  /** Where the page is: cursors and whether there are more. */
  pageInfo: PageInfo;
};

/** A condition on audit events: every field given must hold. */
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

/** How an audited event ended. */
export type AuditOutcome =
  /** Allowed, but it failed. */
  | 'FAILED'
  /** Done. */
  | 'OK'
  /** Refused (authorization, rate limit, trusted documents). */
  | 'REFUSED';

/** A blueprint of the model, as loaded. */
export type Blueprint = {
  __typename?: 'Blueprint';
  /** The blueprint as written (Port format), unknown keys included. */
  definition: Scalars['JSON']['output'];
  /** The blueprint's description, when set. */
  description?: Maybe<Scalars['String']['output']>;
  /** The blueprint's icon, when set. */
  icon?: Maybe<Scalars['String']['output']>;
  /** The blueprint (its identifier as written is `definition.identifier`). */
  identifier: BlueprintIdentifier;
  /** The blueprint's relations (to other blueprints). */
  relations: Array<BlueprintRelation>;
  /** The blueprint's title. */
  title: Scalars['String']['output'];
  /** The GraphQL type generated for it. */
  typeName: Scalars['String']['output'];
};

/** The blueprints of the model: one value per blueprint identifier (`cloud-resource` is `CLOUD_RESOURCE`). The identifier as written is in `Blueprint.definition`. */
export type BlueprintIdentifier =
  /** API: blueprint "API". */
  | 'API'
  /** Component: blueprint "Component". */
  | 'COMPONENT'
  /** An ephemeral environment (a Kubernetes namespace and its workloads) with a TTL: created for 5 days by provision_dev_environment, extended by extend_dev_environment within its policy's caps, torn down by the teardown_dev_environment automation when expires_at passes. */
  | 'DEV_ENVIRONMENT'
  /** Domain: blueprint "Domain". */
  | 'DOMAIN'
  /** Resource: blueprint "Resource". */
  | 'RESOURCE'
  /** System: blueprint "System". */
  | 'SYSTEM';

/** A relation of a blueprint, as loaded. */
export type BlueprintRelation = {
  __typename?: 'BlueprintRelation';
  /** The field on this blueprint's type. */
  fieldName: Scalars['String']['output'];
  /** The relation's identifier. */
  identifier: Scalars['String']['output'];
  /** True when it holds a list of identifiers (a connection field). */
  many: Scalars['Boolean']['output'];
  /** True when every entity must set it (a single required relation is a non-null field). */
  required: Scalars['Boolean']['output'];
  /** The reverse field on the target's type. */
  reverseFieldName: Scalars['String']['output'];
  /** The blueprint it points to. */
  target: BlueprintIdentifier;
};

/** A condition on a Boolean value: every operator given must hold. */
export type BooleanFilter = {
  /** Equal to this value. */
  equalTo?: InputMaybe<Scalars['Boolean']['input']>;
  /** true: the value is not set; false: it is set. */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** Not equal to this value. */
  notEqualTo?: InputMaybe<Scalars['Boolean']['input']>;
};

/** A condition on a list of Boolean values. */
export type BooleanListFilter = {
  /** The list holds this value. */
  contains?: InputMaybe<Scalars['Boolean']['input']>;
  /** true: the list is empty; false: it has a value. */
  isEmpty?: InputMaybe<Scalars['Boolean']['input']>;
  /** true: the list is not set; false: it is set. */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Component: an entity of blueprint "Component". */
export type Component = Entity & Node & {
  __typename?: 'Component';
  /** API entities whose "provider" relation points here. */
  apisByProvider: ApiConnection;
  /** The entity's blueprint. */
  blueprint: BlueprintIdentifier;
  /** Relation "components" of blueprint "Component": the Component entities it points to. */
  components: ComponentConnection;
  /** Component entities whose "components" relation points here. */
  componentsByComponents: ComponentConnection;
  /** Fields that two layers set to different values; the first layer's value is served. */
  conflicts: Array<SourceConflict>;
  /** Relation "consumesApi" of blueprint "Component": the API entities it points to. */
  consumesApi: ApiConnection;
  /** When the entity was created (Port's `$createdAt`). */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who created the entity through the API; null for entities from catalog files and live sources. */
  createdBy?: Maybe<Scalars['String']['output']>;
  /** The entity's icon (Port's `$icon`). */
  icon?: Maybe<Scalars['String']['output']>;
  /** Global, opaque identifier: pass it to `node(id:)`. */
  id: Scalars['ID']['output'];
  /** The entity's identifier, unique within its blueprint. */
  identifier: Scalars['String']['output'];
  /** The Kubernetes source's cluster that runs the service's deployment (update_pod_count scales there) */
  kubernetesCluster?: Maybe<Scalars['String']['output']>;
  /** Kubernetes deployment: property "kubernetesDeployment" of blueprint "Component". */
  kubernetesDeployment?: Maybe<Scalars['String']['output']>;
  /** Kubernetes namespace: property "kubernetesNamespace" of blueprint "Component". */
  kubernetesNamespace?: Maybe<Scalars['String']['output']>;
  /** All properties as stored, with enum values as written in the blueprint. */
  properties: Scalars['JSON']['output'];
  /** Relation "providesApi" of blueprint "Component": the API entity it points to. */
  providesApi?: Maybe<Api>;
  /** All relations as stored: identifier or list of identifiers per relation. */
  relations: Scalars['JSON']['output'];
  /** Relation "resources" of blueprint "Component": the Resource entities it points to. */
  resources: ResourceConnection;
  /** Each scorecard of the entity's blueprint that grades it (its filter selects it), evaluated live from the data served now. */
  scorecards: Array<ScorecardResult>;
  /** Where the entity's data came from: its live source (the first, when several), else the catalog. */
  source: EntitySource;
  /** Every layer the entity was merged from: the catalog, then live sources in configuration order. */
  sources: Array<EntitySource>;
  /** Relation "system" of blueprint "Component": the System entity it points to. */
  system?: Maybe<System>;
  /** The teams that own the entity (Port's `$team`). */
  team: Array<Scalars['String']['output']>;
  /** The entity's title (Port's `$title`). */
  title?: Maybe<Scalars['String']['output']>;
  /** Property "type" of blueprint "Component". */
  type?: Maybe<ComponentType>;
  /** When the entity was last changed (Port's `$updatedAt`). */
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who last changed the entity through the API; null for entities from catalog files and live sources. */
  updatedBy?: Maybe<Scalars['String']['output']>;
};


/** Component: an entity of blueprint "Component". */
export type ComponentApisByProviderArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ApiFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ApiOrderBy>>;
};


/** Component: an entity of blueprint "Component". */
export type ComponentComponentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ComponentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ComponentOrderBy>>;
};


/** Component: an entity of blueprint "Component". */
export type ComponentComponentsByComponentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ComponentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ComponentOrderBy>>;
};


/** Component: an entity of blueprint "Component". */
export type ComponentConsumesApiArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ApiFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ApiOrderBy>>;
};


/** Component: an entity of blueprint "Component". */
export type ComponentResourcesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ResourceFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ResourceOrderBy>>;
};

/** A page of Component entities (a Relay connection). */
export type ComponentConnection = {
  __typename?: 'ComponentConnection';
  /** The Component entities of the page, each with its cursor. */
  edges: Array<ComponentEdge>;
  /** The Component entities of the page; an entry is null (with an error naming it) when a relation points at an entity that does not exist. */
  nodes: Array<Maybe<Component>>;
  /** Where the page is: cursors and whether there are more. */
  pageInfo: PageInfo;
  /** How many Component entities match, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** A Component entity and its cursor. */
export type ComponentEdge = {
  __typename?: 'ComponentEdge';
  /** Pass it as `after` or `before` to page from here. */
  cursor: Scalars['String']['output'];
  /** The Component entity; null (with an error naming it) when a relation points at an entity that does not exist. */
  node?: Maybe<Component>;
};

/** A condition on Component entities: every field given must hold. */
export type ComponentFilter = {
  /** Every one of these conditions holds. */
  and?: InputMaybe<Array<ComponentFilter>>;
  /** Matches when any entity the "components" relation points to matches. */
  components?: InputMaybe<ComponentFilter>;
  /** Matches when any entity the "consumesApi" relation points to matches. */
  consumesApi?: InputMaybe<ApiFilter>;
  /** A condition on the meta field $createdAt. */
  createdAt?: InputMaybe<DateTimeFilter>;
  /** A condition on the meta field $icon. */
  icon?: InputMaybe<StringFilter>;
  /** A condition on the meta field $identifier. */
  identifier?: InputMaybe<StringFilter>;
  /** A condition on property "kubernetesCluster" of blueprint "Component". */
  kubernetesCluster?: InputMaybe<StringFilter>;
  /** A condition on property "kubernetesDeployment" of blueprint "Component". */
  kubernetesDeployment?: InputMaybe<StringFilter>;
  /** A condition on property "kubernetesNamespace" of blueprint "Component". */
  kubernetesNamespace?: InputMaybe<StringFilter>;
  /** This condition does not hold. */
  not?: InputMaybe<ComponentFilter>;
  /** At least one of these conditions holds. */
  or?: InputMaybe<Array<ComponentFilter>>;
  /** Matches when the entity the "providesApi" relation points to matches. */
  providesApi?: InputMaybe<ApiFilter>;
  /** Matches when any entity the "resources" relation points to matches. */
  resources?: InputMaybe<ResourceFilter>;
  /** Matches when the entity the "system" relation points to matches. */
  system?: InputMaybe<SystemFilter>;
  /** A condition on the meta field $team. */
  team?: InputMaybe<StringListFilter>;
  /** A condition on the meta field $title. */
  title?: InputMaybe<StringFilter>;
  /** A condition on property "type" of blueprint "Component". */
  type?: InputMaybe<ComponentTypeFilter>;
  /** A condition on the meta field $updatedAt. */
  updatedAt?: InputMaybe<DateTimeFilter>;
};

/** The orders of Component entities. */
export type ComponentOrderBy =
  /** By the meta field $createdAt, ascending. */
  | 'CREATED_AT_ASC'
  /** By the meta field $createdAt, descending. */
  | 'CREATED_AT_DESC'
  /** By the meta field $icon, ascending. */
  | 'ICON_ASC'
  /** By the meta field $icon, descending. */
  | 'ICON_DESC'
  /** By the meta field $identifier, ascending. */
  | 'IDENTIFIER_ASC'
  /** By the meta field $identifier, descending. */
  | 'IDENTIFIER_DESC'
  /** By "kubernetesCluster", ascending. */
  | 'KUBERNETES_CLUSTER_ASC'
  /** By "kubernetesCluster", descending. */
  | 'KUBERNETES_CLUSTER_DESC'
  /** By "kubernetesDeployment", ascending. */
  | 'KUBERNETES_DEPLOYMENT_ASC'
  /** By "kubernetesDeployment", descending. */
  | 'KUBERNETES_DEPLOYMENT_DESC'
  /** By "kubernetesNamespace", ascending. */
  | 'KUBERNETES_NAMESPACE_ASC'
  /** By "kubernetesNamespace", descending. */
  | 'KUBERNETES_NAMESPACE_DESC'
  /** By the meta field $title, ascending. */
  | 'TITLE_ASC'
  /** By the meta field $title, descending. */
  | 'TITLE_DESC'
  /** By "type", ascending. */
  | 'TYPE_ASC'
  /** By "type", descending. */
  | 'TYPE_DESC'
  /** By the meta field $updatedAt, ascending. */
  | 'UPDATED_AT_ASC'
  /** By the meta field $updatedAt, descending. */
  | 'UPDATED_AT_DESC';

/** Changes to a Component entity: what is given is set (null clears it), what is not given is kept. */
export type ComponentPatch = {
  /** Relation "components" of blueprint "Component": the identifiers of the Component entities it points to. Null clears it. */
  components?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Relation "consumesApi" of blueprint "Component": the identifiers of the API entities it points to. Null clears it. */
  consumesApi?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The entity's icon; null clears it. */
  icon?: InputMaybe<Scalars['String']['input']>;
  /** Property "kubernetesCluster" of blueprint "Component": its value. Null clears it. */
  kubernetesCluster?: InputMaybe<Scalars['String']['input']>;
  /** Property "kubernetesDeployment" of blueprint "Component": its value. Null clears it. */
  kubernetesDeployment?: InputMaybe<Scalars['String']['input']>;
  /** Property "kubernetesNamespace" of blueprint "Component": its value. Null clears it. */
  kubernetesNamespace?: InputMaybe<Scalars['String']['input']>;
  /** Relation "providesApi" of blueprint "Component": the identifier of the API entity it points to. Null clears it. */
  providesApi?: InputMaybe<Scalars['String']['input']>;
  /** Relation "resources" of blueprint "Component": the identifiers of the Resource entities it points to. Null clears it. */
  resources?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Relation "system" of blueprint "Component": the identifier of the System entity it points to. Null clears it. */
  system?: InputMaybe<Scalars['String']['input']>;
  /** The teams that own the entity; null clears it. */
  team?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The entity's title; null clears it. */
  title?: InputMaybe<Scalars['String']['input']>;
  /** Property "type" of blueprint "Component": its value. Null clears it. */
  type?: InputMaybe<ComponentType>;
};

/** The values of property "type" of blueprint "Component". */
export type ComponentType =
  /** As written: "library" */
  | 'LIBRARY'
  /** As written: "service" */
  | 'SERVICE';

/** A condition on a ComponentType value. */
export type ComponentTypeFilter = {
  /** Equal to this value. */
  equalTo?: InputMaybe<ComponentType>;
  /** One of these values. */
  in?: InputMaybe<Array<ComponentType>>;
  /** true: the value is not set; false: it is set. */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** Not equal to this value. */
  notEqualTo?: InputMaybe<ComponentType>;
  /** None of these values. */
  notIn?: InputMaybe<Array<ComponentType>>;
};

/** A condition on a list of ComponentType values. */
export type ComponentTypeListFilter = {
  /** The list holds this value. */
  contains?: InputMaybe<ComponentType>;
  /** true: the list is empty; false: it has a value. */
  isEmpty?: InputMaybe<Scalars['Boolean']['input']>;
  /** true: the list is not set; false: it is set. */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
};

/** A new API entity: its identifier, meta fields, properties and relations (enum values by their GraphQL names). */
export type CreateApiInput = {
  /** The entity's icon. */
  icon?: InputMaybe<Scalars['String']['input']>;
  /** The new entity's identifier (Port's identifier rule). */
  identifier: Scalars['String']['input'];
  /** Relation "provider" of blueprint "API": the identifier of the Component entity it points to (required). */
  provider: Scalars['String']['input'];
  /** The teams that own the entity. */
  team?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The entity's title. */
  title?: InputMaybe<Scalars['String']['input']>;
  /** Property "type" of blueprint "API": its value. */
  type?: InputMaybe<ApiType>;
};

/** What createAPI did. */
export type CreateApiPayload = {
  __typename?: 'CreateAPIPayload';
  /** The API entity as stored. */
  api: Api;
};

/** A new Component entity: its identifier, meta fields, properties and relations (enum values by their GraphQL names). */
export type CreateComponentInput = {
  /** Relation "components" of blueprint "Component": the identifiers of the Component entities it points to. */
  components?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Relation "consumesApi" of blueprint "Component": the identifiers of the API entities it points to. */
  consumesApi?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The entity's icon. */
  icon?: InputMaybe<Scalars['String']['input']>;
  /** The new entity's identifier (Port's identifier rule). */
  identifier: Scalars['String']['input'];
  /** Property "kubernetesCluster" of blueprint "Component": its value. */
  kubernetesCluster?: InputMaybe<Scalars['String']['input']>;
  /** Property "kubernetesDeployment" of blueprint "Component": its value. */
  kubernetesDeployment?: InputMaybe<Scalars['String']['input']>;
  /** Property "kubernetesNamespace" of blueprint "Component": its value. */
  kubernetesNamespace?: InputMaybe<Scalars['String']['input']>;
  /** Relation "providesApi" of blueprint "Component": the identifier of the API entity it points to. */
  providesApi?: InputMaybe<Scalars['String']['input']>;
  /** Relation "resources" of blueprint "Component": the identifiers of the Resource entities it points to. */
  resources?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Relation "system" of blueprint "Component": the identifier of the System entity it points to. */
  system?: InputMaybe<Scalars['String']['input']>;
  /** The teams that own the entity. */
  team?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The entity's title. */
  title?: InputMaybe<Scalars['String']['input']>;
  /** Property "type" of blueprint "Component": its value. */
  type?: InputMaybe<ComponentType>;
};

/** What createComponent did. */
export type CreateComponentPayload = {
  __typename?: 'CreateComponentPayload';
  /** The Component entity as stored. */
  component: Component;
};

/** A new DevEnvironment entity: its identifier, meta fields, properties and relations (enum values by their GraphQL names). */
export type CreateDevEnvironmentInput = {
  /** Property "cluster" of blueprint "DevEnvironment": its value. */
  cluster?: InputMaybe<Scalars['String']['input']>;
  /** Property "expires_at" of blueprint "DevEnvironment": its value. */
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Property "extensions" of blueprint "DevEnvironment": its value. */
  extensions?: InputMaybe<Scalars['Float']['input']>;
  /** The entity's icon. */
  icon?: InputMaybe<Scalars['String']['input']>;
  /** The new entity's identifier (Port's identifier rule). */
  identifier: Scalars['String']['input'];
  /** Property "owner" of blueprint "DevEnvironment": its value. */
  owner?: InputMaybe<Scalars['String']['input']>;
  /** Property "started_at" of blueprint "DevEnvironment": its value. */
  startedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The teams that own the entity. */
  team?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The entity's title. */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** What createDevEnvironment did. */
export type CreateDevEnvironmentPayload = {
  __typename?: 'CreateDevEnvironmentPayload';
  /** The DevEnvironment entity as stored. */
  devEnvironment: DevEnvironment;
};

/** A new Domain entity: its identifier, meta fields, properties and relations (enum values by their GraphQL names). */
export type CreateDomainInput = {
  /** The entity's icon. */
  icon?: InputMaybe<Scalars['String']['input']>;
  /** The new entity's identifier (Port's identifier rule). */
  identifier: Scalars['String']['input'];
  /** The teams that own the entity. */
  team?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The entity's title. */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** What createDomain did. */
export type CreateDomainPayload = {
  __typename?: 'CreateDomainPayload';
  /** The Domain entity as stored. */
  domain: Domain;
};

/** A new Resource entity: its identifier, meta fields, properties and relations (enum values by their GraphQL names). */
export type CreateResourceInput = {
  /** The entity's icon. */
  icon?: InputMaybe<Scalars['String']['input']>;
  /** The new entity's identifier (Port's identifier rule). */
  identifier: Scalars['String']['input'];
  /** The teams that own the entity. */
  team?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The entity's title. */
  title?: InputMaybe<Scalars['String']['input']>;
  /** Property "type" of blueprint "Resource": its value. */
  type?: InputMaybe<ResourceType>;
};

/** What createResource did. */
export type CreateResourcePayload = {
  __typename?: 'CreateResourcePayload';
  /** The Resource entity as stored. */
  resource: Resource;
};

/** A new System entity: its identifier, meta fields, properties and relations (enum values by their GraphQL names). */
export type CreateSystemInput = {
  /** Relation "domain" of blueprint "System": the identifier of the Domain entity it points to (required). */
  domain: Scalars['String']['input'];
  /** The entity's icon. */
  icon?: InputMaybe<Scalars['String']['input']>;
  /** The new entity's identifier (Port's identifier rule). */
  identifier: Scalars['String']['input'];
  /** The teams that own the entity. */
  team?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The entity's title. */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** What createSystem did. */
export type CreateSystemPayload = {
  __typename?: 'CreateSystemPayload';
  /** The System entity as stored. */
  system: System;
};

/** A condition on a DateTime value: every operator given must hold. */
export type DateTimeFilter = {
  /** Equal to this value. */
  equalTo?: InputMaybe<Scalars['DateTime']['input']>;
  /** Greater than this value. */
  greaterThan?: InputMaybe<Scalars['DateTime']['input']>;
  /** Greater than or equal to this value. */
  greaterThanOrEqualTo?: InputMaybe<Scalars['DateTime']['input']>;
  /** One of these values. */
  in?: InputMaybe<Array<Scalars['DateTime']['input']>>;
  /** true: the value is not set; false: it is set. */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** Less than this value. */
  lessThan?: InputMaybe<Scalars['DateTime']['input']>;
  /** Less than or equal to this value. */
  lessThanOrEqualTo?: InputMaybe<Scalars['DateTime']['input']>;
  /** Not equal to this value. */
  notEqualTo?: InputMaybe<Scalars['DateTime']['input']>;
  /** None of these values. */
  notIn?: InputMaybe<Array<Scalars['DateTime']['input']>>;
};

/** A condition on a list of DateTime values. */
export type DateTimeListFilter = {
  /** The list holds this value. */
  contains?: InputMaybe<Scalars['DateTime']['input']>;
  /** true: the list is empty; false: it has a value. */
  isEmpty?: InputMaybe<Scalars['Boolean']['input']>;
  /** true: the list is not set; false: it is set. */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
};

/** What deleteAPI did. */
export type DeleteApiPayload = {
  __typename?: 'DeleteAPIPayload';
  /** True when the entity existed and was deleted; false when there was no such entity. */
  deleted: Scalars['Boolean']['output'];
  /** The identifier given. */
  identifier: Scalars['String']['output'];
};

/** What deleteComponent did. */
export type DeleteComponentPayload = {
  __typename?: 'DeleteComponentPayload';
  /** True when the entity existed and was deleted; false when there was no such entity. */
  deleted: Scalars['Boolean']['output'];
  /** The identifier given. */
  identifier: Scalars['String']['output'];
};

/** What deleteDevEnvironment did. */
export type DeleteDevEnvironmentPayload = {
  __typename?: 'DeleteDevEnvironmentPayload';
  /** True when the entity existed and was deleted; false when there was no such entity. */
  deleted: Scalars['Boolean']['output'];
  /** The identifier given. */
  identifier: Scalars['String']['output'];
};

/** What deleteDomain did. */
export type DeleteDomainPayload = {
  __typename?: 'DeleteDomainPayload';
  /** True when the entity existed and was deleted; false when there was no such entity. */
  deleted: Scalars['Boolean']['output'];
  /** The identifier given. */
  identifier: Scalars['String']['output'];
};

/** What deleteResource did. */
export type DeleteResourcePayload = {
  __typename?: 'DeleteResourcePayload';
  /** True when the entity existed and was deleted; false when there was no such entity. */
  deleted: Scalars['Boolean']['output'];
  /** The identifier given. */
  identifier: Scalars['String']['output'];
};

/** What deleteSystem did. */
export type DeleteSystemPayload = {
  __typename?: 'DeleteSystemPayload';
  /** True when the entity existed and was deleted; false when there was no such entity. */
  deleted: Scalars['Boolean']['output'];
  /** The identifier given. */
  identifier: Scalars['String']['output'];
};

/** An ephemeral environment (a Kubernetes namespace and its workloads) with a TTL: created for 5 days by provision_dev_environment, extended by extend_dev_environment within its policy's caps, torn down by the teardown_dev_environment automation when expires_at passes. */
export type DevEnvironment = Entity & Node & {
  __typename?: 'DevEnvironment';
  /** The entity's blueprint. */
  blueprint: BlueprintIdentifier;
  /** Cluster: property "cluster" of blueprint "DevEnvironment". */
  cluster?: Maybe<Scalars['String']['output']>;
  /** Fields that two layers set to different values; the first layer's value is served. */
  conflicts: Array<SourceConflict>;
  /** When the entity was created (Port's `$createdAt`). */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who created the entity through the API; null for entities from catalog files and live sources. */
  createdBy?: Maybe<Scalars['String']['output']>;
  /** Expires at: property "expires_at" of blueprint "DevEnvironment". */
  expiresAt?: Maybe<Timer>;
  /** Extensions so far: property "extensions" of blueprint "DevEnvironment". */
  extensions?: Maybe<Scalars['Float']['output']>;
  /** The entity's icon (Port's `$icon`). */
  icon?: Maybe<Scalars['String']['output']>;
  /** Global, opaque identifier: pass it to `node(id:)`. */
  id: Scalars['ID']['output'];
  /** The entity's identifier, unique within its blueprint. */
  identifier: Scalars['String']['output'];
  /** Owner: property "owner" of blueprint "DevEnvironment". */
  owner?: Maybe<Scalars['String']['output']>;
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
  /** Started at: property "started_at" of blueprint "DevEnvironment". */
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The teams that own the entity (Port's `$team`). */
  team: Array<Scalars['String']['output']>;
  /** The entity's title (Port's `$title`). */
  title?: Maybe<Scalars['String']['output']>;
  /** When the entity was last changed (Port's `$updatedAt`). */
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who last changed the entity through the API; null for entities from catalog files and live sources. */
  updatedBy?: Maybe<Scalars['String']['output']>;
};

/** A page of DevEnvironment entities (a Relay connection). */
export type DevEnvironmentConnection = {
  __typename?: 'DevEnvironmentConnection';
  /** The DevEnvironment entities of the page, each with its cursor. */
  edges: Array<DevEnvironmentEdge>;
  /** The DevEnvironment entities of the page; an entry is null (with an error naming it) when a relation points at an entity that does not exist. */
  nodes: Array<Maybe<DevEnvironment>>;
  /** Where the page is: cursors and whether there are more. */
  pageInfo: PageInfo;
  /** How many DevEnvironment entities match, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** A DevEnvironment entity and its cursor. */
export type DevEnvironmentEdge = {
  __typename?: 'DevEnvironmentEdge';
  /** Pass it as `after` or `before` to page from here. */
  cursor: Scalars['String']['output'];
  /** The DevEnvironment entity; null (with an error naming it) when a relation points at an entity that does not exist. */
  node?: Maybe<DevEnvironment>;
};

/** A condition on DevEnvironment entities: every field given must hold. */
export type DevEnvironmentFilter = {
  /** Every one of these conditions holds. */
  and?: InputMaybe<Array<DevEnvironmentFilter>>;
  /** A condition on property "cluster" of blueprint "DevEnvironment". */
  cluster?: InputMaybe<StringFilter>;
  /** A condition on the meta field $createdAt. */
  createdAt?: InputMaybe<DateTimeFilter>;
  /** A condition on property "expires_at" of blueprint "DevEnvironment". */
  expiresAt?: InputMaybe<TimerFilter>;
  /** A condition on property "extensions" of blueprint "DevEnvironment". */
  extensions?: InputMaybe<FloatFilter>;
  /** A condition on the meta field $icon. */
  icon?: InputMaybe<StringFilter>;
  /** A condition on the meta field $identifier. */
  identifier?: InputMaybe<StringFilter>;
  /** This condition does not hold. */
  not?: InputMaybe<DevEnvironmentFilter>;
  /** At least one of these conditions holds. */
  or?: InputMaybe<Array<DevEnvironmentFilter>>;
  /** A condition on property "owner" of blueprint "DevEnvironment". */
  owner?: InputMaybe<StringFilter>;
  /** A condition on property "started_at" of blueprint "DevEnvironment". */
  startedAt?: InputMaybe<DateTimeFilter>;
  /** A condition on the meta field $team. */
  team?: InputMaybe<StringListFilter>;
  /** A condition on the meta field $title. */
  title?: InputMaybe<StringFilter>;
  /** A condition on the meta field $updatedAt. */
  updatedAt?: InputMaybe<DateTimeFilter>;
};

/** The orders of DevEnvironment entities. */
export type DevEnvironmentOrderBy =
  /** By "cluster", ascending. */
  | 'CLUSTER_ASC'
  /** By "cluster", descending. */
  | 'CLUSTER_DESC'
  /** By the meta field $createdAt, ascending. */
  | 'CREATED_AT_ASC'
  /** By the meta field $createdAt, descending. */
  | 'CREATED_AT_DESC'
  /** By "expires_at", ascending. */
  | 'EXPIRES_AT_ASC'
  /** By "expires_at", descending. */
  | 'EXPIRES_AT_DESC'
  /** By "extensions", ascending. */
  | 'EXTENSIONS_ASC'
  /** By "extensions", descending. */
  | 'EXTENSIONS_DESC'
  /** By the meta field $icon, ascending. */
  | 'ICON_ASC'
  /** By the meta field $icon, descending. */
  | 'ICON_DESC'
  /** By the meta field $identifier, ascending. */
  | 'IDENTIFIER_ASC'
  /** By the meta field $identifier, descending. */
  | 'IDENTIFIER_DESC'
  /** By "owner", ascending. */
  | 'OWNER_ASC'
  /** By "owner", descending. */
  | 'OWNER_DESC'
  /** By "started_at", ascending. */
  | 'STARTED_AT_ASC'
  /** By "started_at", descending. */
  | 'STARTED_AT_DESC'
  /** By the meta field $title, ascending. */
  | 'TITLE_ASC'
  /** By the meta field $title, descending. */
  | 'TITLE_DESC'
  /** By the meta field $updatedAt, ascending. */
  | 'UPDATED_AT_ASC'
  /** By the meta field $updatedAt, descending. */
  | 'UPDATED_AT_DESC';

/** Changes to a DevEnvironment entity: what is given is set (null clears it), what is not given is kept. */
export type DevEnvironmentPatch = {
  /** Property "cluster" of blueprint "DevEnvironment": its value. Null clears it. */
  cluster?: InputMaybe<Scalars['String']['input']>;
  /** Property "expires_at" of blueprint "DevEnvironment": its value. Null clears it. */
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Property "extensions" of blueprint "DevEnvironment": its value. Null clears it. */
  extensions?: InputMaybe<Scalars['Float']['input']>;
  /** The entity's icon; null clears it. */
  icon?: InputMaybe<Scalars['String']['input']>;
  /** Property "owner" of blueprint "DevEnvironment": its value. Null clears it. */
  owner?: InputMaybe<Scalars['String']['input']>;
  /** Property "started_at" of blueprint "DevEnvironment": its value. Null clears it. */
  startedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The teams that own the entity; null clears it. */
  team?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The entity's title; null clears it. */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** Domain: an entity of blueprint "Domain". */
export type Domain = Entity & Node & {
  __typename?: 'Domain';
  /** The entity's blueprint. */
  blueprint: BlueprintIdentifier;
  /** Fields that two layers set to different values; the first layer's value is served. */
  conflicts: Array<SourceConflict>;
  /** When the entity was created (Port's `$createdAt`). */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who created the entity through the API; null for entities from catalog files and live sources. */
  createdBy?: Maybe<Scalars['String']['output']>;
  /** The entity's icon (Port's `$icon`). */
  icon?: Maybe<Scalars['String']['output']>;
  /** Global, opaque identifier: pass it to `node(id:)`. */
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
  /** System entities whose "domain" relation points here. */
  systemsByDomain: SystemConnection;
  /** The teams that own the entity (Port's `$team`). */
  team: Array<Scalars['String']['output']>;
  /** The entity's title (Port's `$title`). */
  title?: Maybe<Scalars['String']['output']>;
  /** When the entity was last changed (Port's `$updatedAt`). */
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who last changed the entity through the API; null for entities from catalog files and live sources. */
  updatedBy?: Maybe<Scalars['String']['output']>;
};


/** Domain: an entity of blueprint "Domain". */
export type DomainSystemsByDomainArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<SystemFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<SystemOrderBy>>;
};

/** A page of Domain entities (a Relay connection). */
export type DomainConnection = {
  __typename?: 'DomainConnection';
  /** The Domain entities of the page, each with its cursor. */
  edges: Array<DomainEdge>;
  /** The Domain entities of the page; an entry is null (with an error naming it) when a relation points at an entity that does not exist. */
  nodes: Array<Maybe<Domain>>;
  /** Where the page is: cursors and whether there are more. */
  pageInfo: PageInfo;
  /** How many Domain entities match, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** A Domain entity and its cursor. */
export type DomainEdge = {
  __typename?: 'DomainEdge';
  /** Pass it as `after` or `before` to page from here. */
  cursor: Scalars['String']['output'];
  /** The Domain entity; null (with an error naming it) when a relation points at an entity that does not exist. */
  node?: Maybe<Domain>;
};

/** A condition on Domain entities: every field given must hold. */
export type DomainFilter = {
  /** Every one of these conditions holds. */
  and?: InputMaybe<Array<DomainFilter>>;
  /** A condition on the meta field $createdAt. */
  createdAt?: InputMaybe<DateTimeFilter>;
  /** A condition on the meta field $icon. */
  icon?: InputMaybe<StringFilter>;
  /** A condition on the meta field $identifier. */
  identifier?: InputMaybe<StringFilter>;
  /** This condition does not hold. */
  not?: InputMaybe<DomainFilter>;
  /** At least one of these conditions holds. */
  or?: InputMaybe<Array<DomainFilter>>;
  /** A condition on the meta field $team. */
  team?: InputMaybe<StringListFilter>;
  /** A condition on the meta field $title. */
  title?: InputMaybe<StringFilter>;
  /** A condition on the meta field $updatedAt. */
  updatedAt?: InputMaybe<DateTimeFilter>;
};

/** The orders of Domain entities. */
export type DomainOrderBy =
  /** By the meta field $createdAt, ascending. */
  | 'CREATED_AT_ASC'
  /** By the meta field $createdAt, descending. */
  | 'CREATED_AT_DESC'
  /** By the meta field $icon, ascending. */
  | 'ICON_ASC'
  /** By the meta field $icon, descending. */
  | 'ICON_DESC'
  /** By the meta field $identifier, ascending. */
  | 'IDENTIFIER_ASC'
  /** By the meta field $identifier, descending. */
  | 'IDENTIFIER_DESC'
  /** By the meta field $title, ascending. */
  | 'TITLE_ASC'
  /** By the meta field $title, descending. */
  | 'TITLE_DESC'
  /** By the meta field $updatedAt, ascending. */
  | 'UPDATED_AT_ASC'
  /** By the meta field $updatedAt, descending. */
  | 'UPDATED_AT_DESC';

/** Changes to a Domain entity: what is given is set (null clears it), what is not given is kept. */
export type DomainPatch = {
  /** The entity's icon; null clears it. */
  icon?: InputMaybe<Scalars['String']['input']>;
  /** The teams that own the entity; null clears it. */
  team?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The entity's title; null clears it. */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** An entity of the catalog: every blueprint's type implements this. */
export type Entity = {
  /** The entity's blueprint. */
  blueprint: BlueprintIdentifier;
  /** Fields that two layers set to different values; the first layer's value is served. */
  conflicts: Array<SourceConflict>;
  /** When the entity was created (Port's `$createdAt`). */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who created the entity through the API (the caller's identity, as in the audit log); null for entities from catalog files and live sources. */
  createdBy?: Maybe<Scalars['String']['output']>;
  /** The entity's icon (Port's `$icon`). */
  icon?: Maybe<Scalars['String']['output']>;
  /** Global, opaque identifier: pass it to `node(id:)`. */
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
  /** The entity's title (Port's `$title`). */
  title?: Maybe<Scalars['String']['output']>;
  /** When the entity was last changed (Port's `$updatedAt`). */
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who last changed the entity through the API; null for entities from catalog files and live sources. */
  updatedBy?: Maybe<Scalars['String']['output']>;
};

/** A change to an entity. */
export type EntityChange = {
  __typename?: 'EntityChange';
  /** The entity's blueprint. */
  blueprint: BlueprintIdentifier;
  /** What happened to it. */
  change: EntityChangeKind;
  /** The entity as it is after the change; null once deleted. */
  entity?: Maybe<Entity>;
  /** The entity's identifier. */
  identifier: Scalars['String']['output'];
};

/** What happened to an entity. */
export type EntityChangeKind =
  /** Deleted. */
  | 'DELETED'
  /** Created or changed. */
  | 'UPSERTED';

/** Entities of any blueprint, as `search` returns them. */
export type EntityConnection = {
  __typename?: 'EntityConnection';
  /** The entities of the page, each with its cursor. */
  edges: Array<EntityEdge>;
  /** The entities of the page. */
  nodes: Array<Maybe<Entity>>;
  /** Where the page is: cursors and whether there are more. */
  pageInfo: PageInfo;
  /** How many entities match, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** An entity of any blueprint and its cursor. */
export type EntityEdge = {
  __typename?: 'EntityEdge';
  /** Pass it as `after` or `before` to page from here. */
  cursor: Scalars['String']['output'];
  /** The entity. */
  node?: Maybe<Entity>;
};

/** One layer of an entity: the catalog, or a live source (GitHub…). */
export type EntitySource = {
  __typename?: 'EntitySource';
  /** When this layer's data was fetched (for the catalog: when the entity was last written). */
  fetchedAt: Scalars['DateTime']['output'];
  /** `catalog`, or the name of a live source in the configuration. */
  name: Scalars['String']['output'];
  /** True when the data is older than the source's ttl: it is being refreshed, or the upstream fails. */
  stale: Scalars['Boolean']['output'];
};

/** A condition on a Float value: every operator given must hold. */
export type FloatFilter = {
  /** Equal to this value. */
  equalTo?: InputMaybe<Scalars['Float']['input']>;
  /** Greater than this value. */
  greaterThan?: InputMaybe<Scalars['Float']['input']>;
  /** Greater than or equal to this value. */
  greaterThanOrEqualTo?: InputMaybe<Scalars['Float']['input']>;
  /** One of these values. */
  in?: InputMaybe<Array<Scalars['Float']['input']>>;
  /** true: the value is not set; false: it is set. */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** Less than this value. */
  lessThan?: InputMaybe<Scalars['Float']['input']>;
  /** Less than or equal to this value. */
  lessThanOrEqualTo?: InputMaybe<Scalars['Float']['input']>;
  /** Not equal to this value. */
  notEqualTo?: InputMaybe<Scalars['Float']['input']>;
  /** None of these values. */
  notIn?: InputMaybe<Array<Scalars['Float']['input']>>;
};

/** A condition on a list of Float values. */
export type FloatListFilter = {
  /** The list holds this value. */
  contains?: InputMaybe<Scalars['Float']['input']>;
  /** true: the list is empty; false: it has a value. */
  isEmpty?: InputMaybe<Scalars['Boolean']['input']>;
  /** true: the list is not set; false: it is set. */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
};

/** A condition on an Int value (an aggregation's count): every operator given must hold. */
export type IntFilter = {
  /** Equal to this value. */
  equalTo?: InputMaybe<Scalars['Int']['input']>;
  /** Greater than this value. */
  greaterThan?: InputMaybe<Scalars['Int']['input']>;
  /** Greater than or equal to this value. */
  greaterThanOrEqualTo?: InputMaybe<Scalars['Int']['input']>;
  /** One of these values. */
  in?: InputMaybe<Array<Scalars['Int']['input']>>;
  /** true: the value is not set; false: it is set. */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** Less than this value. */
  lessThan?: InputMaybe<Scalars['Int']['input']>;
  /** Less than or equal to this value. */
  lessThanOrEqualTo?: InputMaybe<Scalars['Int']['input']>;
  /** Not equal to this value. */
  notEqualTo?: InputMaybe<Scalars['Int']['input']>;
  /** None of these values. */
  notIn?: InputMaybe<Array<Scalars['Int']['input']>>;
};

/** A condition on a JSON value (compared as JSON): every operator given must hold. */
export type JsonFilter = {
  /** Equal to this value. */
  equalTo?: InputMaybe<Scalars['JSON']['input']>;
  /** true: the value is not set; false: it is set. */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** Not equal to this value. */
  notEqualTo?: InputMaybe<Scalars['JSON']['input']>;
};

/** A condition on a list of JSON values. */
export type JsonListFilter = {
  /** The list holds this value. */
  contains?: InputMaybe<Scalars['JSON']['input']>;
  /** true: the list is empty; false: it has a value. */
  isEmpty?: InputMaybe<Scalars['Boolean']['input']>;
  /** true: the list is not set; false: it is set. */
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

/** A value of a `labeled-url` property, as the typed create and update mutations take it. */
export type LabeledUrlInput = {
  /** The text to show for the link. */
  displayText?: InputMaybe<Scalars['String']['input']>;
  /** The link: an absolute URL, or a path inside the portal. */
  url: Scalars['String']['input'];
};

/** The state of the running gateway. */
export type Lattice = {
  __typename?: 'Lattice';
  /** Why the latest change was rejected (the last good version keeps serving). */
  errors: Array<LatticeLoadError>;
  /** When the serving schema was loaded. */
  loadedAt: Scalars['DateTime']['output'];
  /** The breaking changes of the latest reload that had any (graphql-js findBreakingChanges): what clients may need to change. */
  schemaChanges: Array<SchemaChange>;
  /** OK while the loaded configuration is the latest on disk; ERROR when a change was rejected. */
  status: LatticeStatusCode;
  /** Warnings about the serving configuration (e.g. unknown keys kept). */
  warnings: Array<LatticeLoadError>;
};

/** A problem in the configuration: what and where. */
export type LatticeLoadError = {
  __typename?: 'LatticeLoadError';
  /** A stable code (INVALID_BLUEPRINT, NAME_COLLISION…). */
  code: Scalars['String']['output'];
  /** The column in the line (1-based). */
  column?: Maybe<Scalars['Int']['output']>;
  /** The file, relative to the project. */
  file?: Maybe<Scalars['String']['output']>;
  /** The line in the file (1-based). */
  line?: Maybe<Scalars['Int']['output']>;
  /** What is wrong and what was expected. */
  message: Scalars['String']['output'];
  /** The JSON pointer of the value in the file. */
  pointer?: Maybe<Scalars['String']['output']>;
};

/** Whether the gateway serves the configuration on disk. */
export type LatticeStatusCode =
  /** The latest change was rejected; the last good version keeps serving. */
  | 'ERROR'
  /** The loaded configuration is the latest on disk. */
  | 'OK';

/** Writes: entities, action runs, and executors' reports. */
export type Mutation = {
  __typename?: 'Mutation';
  /** For executors, with the run's token in the `X-Lattice-Run-Token` header: append a log line; `terminationStatus` ends the run. */
  appendRunLog: RunLogLine;
  /** Approves a run that waits for approval (an approver of its action). */
  approveRun: ActionRun;
  /** Cancels a run that has not ended. */
  cancelRun: ActionRun;
  /** Creates a API entity, validated against its blueprint; refused (CONFLICT) when one with this identifier exists. */
  createAPI: CreateApiPayload;
  /** Creates a Component entity, validated against its blueprint; refused (CONFLICT) when one with this identifier exists. */
  createComponent: CreateComponentPayload;
  /** Creates a DevEnvironment entity, validated against its blueprint; refused (CONFLICT) when one with this identifier exists. */
  createDevEnvironment: CreateDevEnvironmentPayload;
  /** Creates a Domain entity, validated against its blueprint; refused (CONFLICT) when one with this identifier exists. */
  createDomain: CreateDomainPayload;
  /** Creates a Resource entity, validated against its blueprint; refused (CONFLICT) when one with this identifier exists. */
  createResource: CreateResourcePayload;
  /** Creates a System entity, validated against its blueprint; refused (CONFLICT) when one with this identifier exists. */
  createSystem: CreateSystemPayload;
  /** Declines a run that waits for approval; it is never invoked. */
  declineRun: ActionRun;
  /** Deletes a API entity. Refused (CONFLICT, naming them) while other entities hold a required relation to it, unless `deleteDependents`. */
  deleteAPI: DeleteApiPayload;
  /** Deletes a Component entity. Refused (CONFLICT, naming them) while other entities hold a required relation to it, unless `deleteDependents`. */
  deleteComponent: DeleteComponentPayload;
  /** Deletes a DevEnvironment entity. Refused (CONFLICT, naming them) while other entities hold a required relation to it, unless `deleteDependents`. */
  deleteDevEnvironment: DeleteDevEnvironmentPayload;
  /** Deletes a Domain entity. Refused (CONFLICT, naming them) while other entities hold a required relation to it, unless `deleteDependents`. */
  deleteDomain: DeleteDomainPayload;
  /**
   * Deletes an entity; returns false when it did not exist. Refused (CONFLICT, naming them) while other entities hold a
   * required relation to it, unless `deleteDependents: true` (Port's `delete_dependents=true`), which deletes them too,
   * transitively, in one step.
   */
  deleteEntity: Scalars['Boolean']['output'];
  /** Deletes a Resource entity. Refused (CONFLICT, naming them) while other entities hold a required relation to it, unless `deleteDependents`. */
  deleteResource: DeleteResourcePayload;
  /** Deletes a System entity. Refused (CONFLICT, naming them) while other entities hold a required relation to it, unless `deleteDependents`. */
  deleteSystem: DeleteSystemPayload;
  /**
   * Runs any action with untyped inputs (each action also has a typed mutation). The same idempotency key returns the same run;
   * reused with other inputs it is refused (RUN_CONFLICT). Refused with GATE_FAILED (before any run exists) when the entity is
   * below a scorecard level the action requires, unless the caller holds a granted waiver. With `dryRun: true`, every check
   * runs (inputs, permission, condition, gates) and the answer is the run that would start, with its rendered invocation
   * (secrets masked); nothing is stored or invoked.
   */
  executeAction: ActionRun;
  /**
   * Asks to waive the gates of a gated action on one entity, for one execution within `durationSeconds` (60 to 604800) of
   * its approval. The answer is a run (with `waiver` set) that the action's approvers approve or decline like any run.
   */
  requestGateWaiver: ActionRun;
  /** Executes a FAILURE run again as a new run (its `retryOf` names the first), with the same inputs and every check of executeAction. */
  retryRun: ActionRun;
  /** Changes a API entity (what is not given is kept), validated against its blueprint; NOT_FOUND when there is none. */
  updateAPI: UpdateApiPayload;
  /** Changes a Component entity (what is not given is kept), validated against its blueprint; NOT_FOUND when there is none. */
  updateComponent: UpdateComponentPayload;
  /** Changes a DevEnvironment entity (what is not given is kept), validated against its blueprint; NOT_FOUND when there is none. */
  updateDevEnvironment: UpdateDevEnvironmentPayload;
  /** Changes a Domain entity (what is not given is kept), validated against its blueprint; NOT_FOUND when there is none. */
  updateDomain: UpdateDomainPayload;
  /** Changes a Resource entity (what is not given is kept), validated against its blueprint; NOT_FOUND when there is none. */
  updateResource: UpdateResourcePayload;
  /** For executors, with the run's token in the `X-Lattice-Run-Token` header: report status, label, a link, a summary. */
  updateRun: ActionRun;
  /** Changes a System entity (what is not given is kept), validated against its blueprint; NOT_FOUND when there is none. */
  updateSystem: UpdateSystemPayload;
  /**
   * Creates or updates an entity, validated against its blueprint first (Port's create-entity with `upsert=true`).
   * By default the entity is replaced: what is not given is emptied. With `merge: true` (Port's `merge=true`), what is
   * not given is kept, and the properties and relations given are set over the stored ones (null clears one).
   * Takes Port's JSON as it is (enum values as written in the blueprint); the typed `create<Type>` / `update<Type>`
   * mutations take the enums' GraphQL names.
   */
  upsertEntity: Entity;
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationAppendRunLogArgs = {
  id: Scalars['ID']['input'];
  message: Scalars['String']['input'];
  terminationStatus?: InputMaybe<RunStatus>;
  token?: InputMaybe<Scalars['String']['input']>;
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationApproveRunArgs = {
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationCancelRunArgs = {
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationCreateApiArgs = {
  input: CreateApiInput;
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationCreateComponentArgs = {
  input: CreateComponentInput;
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationCreateDevEnvironmentArgs = {
  input: CreateDevEnvironmentInput;
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationCreateDomainArgs = {
  input: CreateDomainInput;
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationCreateResourceArgs = {
  input: CreateResourceInput;
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationCreateSystemArgs = {
  input: CreateSystemInput;
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationDeclineRunArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationDeleteApiArgs = {
  deleteDependents?: InputMaybe<Scalars['Boolean']['input']>;
  identifier: Scalars['String']['input'];
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationDeleteComponentArgs = {
  deleteDependents?: InputMaybe<Scalars['Boolean']['input']>;
  identifier: Scalars['String']['input'];
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationDeleteDevEnvironmentArgs = {
  deleteDependents?: InputMaybe<Scalars['Boolean']['input']>;
  identifier: Scalars['String']['input'];
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationDeleteDomainArgs = {
  deleteDependents?: InputMaybe<Scalars['Boolean']['input']>;
  identifier: Scalars['String']['input'];
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationDeleteEntityArgs = {
  blueprint: BlueprintIdentifier;
  deleteDependents?: InputMaybe<Scalars['Boolean']['input']>;
  identifier: Scalars['String']['input'];
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationDeleteResourceArgs = {
  deleteDependents?: InputMaybe<Scalars['Boolean']['input']>;
  identifier: Scalars['String']['input'];
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationDeleteSystemArgs = {
  deleteDependents?: InputMaybe<Scalars['Boolean']['input']>;
  identifier: Scalars['String']['input'];
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationExecuteActionArgs = {
  action: Scalars['String']['input'];
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  entity?: InputMaybe<Scalars['String']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  inputs: Scalars['JSON']['input'];
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationRequestGateWaiverArgs = {
  action: Scalars['String']['input'];
  durationSeconds: Scalars['Int']['input'];
  entity: Scalars['String']['input'];
  reason: Scalars['String']['input'];
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationRetryRunArgs = {
  id: Scalars['ID']['input'];
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationUpdateApiArgs = {
  identifier: Scalars['String']['input'];
  patch: ApiPatch;
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationUpdateComponentArgs = {
  identifier: Scalars['String']['input'];
  patch: ComponentPatch;
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationUpdateDevEnvironmentArgs = {
  identifier: Scalars['String']['input'];
  patch: DevEnvironmentPatch;
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationUpdateDomainArgs = {
  identifier: Scalars['String']['input'];
  patch: DomainPatch;
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationUpdateResourceArgs = {
  identifier: Scalars['String']['input'];
  patch: ResourcePatch;
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationUpdateRunArgs = {
  id: Scalars['ID']['input'];
  link?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<RunStatus>;
  statusLabel?: InputMaybe<Scalars['String']['input']>;
  summary?: InputMaybe<Scalars['String']['input']>;
  token?: InputMaybe<Scalars['String']['input']>;
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationUpdateSystemArgs = {
  identifier: Scalars['String']['input'];
  patch: SystemPatch;
};


/** Writes: entities, action runs, and executors' reports. */
export type MutationUpsertEntityArgs = {
  blueprint: BlueprintIdentifier;
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
  /** The cursor of the page's last item (pass it as `after`); null for an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when there are items after this page. */
  hasNextPage: Scalars['Boolean']['output'];
  /** True when there are items before this page. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** The cursor of the page's first item; null for an empty page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** A condition on a property or meta field. */
export type PropertyRule = {
  /** How the value compares. */
  operator: SearchOperator;
  /** The property's identifier, or a meta field ($identifier, $title, $team, $createdAt…). */
  property: Scalars['String']['input'];
  /** The value, as Port writes it (absent for IS_EMPTY, IS_NOT_EMPTY, IS_EXPIRED, IS_NOT_EXPIRED). */
  value?: InputMaybe<Scalars['JSON']['input']>;
};

/** The root of every query. */
export type Query = {
  __typename?: 'Query';
  /** The self-service actions defined. */
  actions: Array<ActionDefinition>;
  /** One API entity by its identifier; null when there is none. */
  api?: Maybe<Api>;
  /** The API entities, filtered, ordered and paged. */
  apis: ApiConnection;
  /** Audit events, newest first (Admin role only): entity writes, runs created, approvals, declines, cancels and refused authorizations. Shared by replicas on Redis; this process's own events otherwise. */
  auditLog: AuditEventConnection;
  /** The blueprints of the model. */
  blueprints: Array<Blueprint>;
  /** One Component entity by its identifier; null when there is none. */
  component?: Maybe<Component>;
  /** The Component entities, filtered, ordered and paged. */
  components: ComponentConnection;
  /** One DevEnvironment entity by its identifier; null when there is none. */
  devEnvironment?: Maybe<DevEnvironment>;
  /** The DevEnvironment entities, filtered, ordered and paged. */
  devEnvironments: DevEnvironmentConnection;
  /** One Domain entity by its identifier; null when there is none. */
  domain?: Maybe<Domain>;
  /** The Domain entities, filtered, ordered and paged. */
  domains: DomainConnection;
  /** One entity of any blueprint. */
  entity?: Maybe<Entity>;
  /** The gateway's own state: load status and errors. */
  lattice: Lattice;
  /** Any object by its global id: an entity, or a run. */
  node?: Maybe<Node>;
  /** One Resource entity by its identifier; null when there is none. */
  resource?: Maybe<Resource>;
  /** The Resource entities, filtered, ordered and paged. */
  resources: ResourceConnection;
  /** One run, when the caller may see it. */
  run?: Maybe<ActionRun>;
  /** Runs the caller may see, newest first unless `orderBy` says otherwise. */
  runs: ActionRunConnection;
  /** The scorecards defined (of one blueprint, when given): levels and rules, as loaded. */
  scorecardDefinitions: Array<ScorecardDefinition>;
  /** Entities matching a query in Port's rule language, as JSON (`query`: { combinator, rules: [{ property, operator, value } | { operator: relatedTo, blueprint, value, direction }] }) or typed (`where`). */
  search: EntityConnection;
  /** One System entity by its identifier; null when there is none. */
  system?: Maybe<System>;
  /** The System entities, filtered, ordered and paged. */
  systems: SystemConnection;
};


/** The root of every query. */
export type QueryApiArgs = {
  identifier: Scalars['String']['input'];
};


/** The root of every query. */
export type QueryApisArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ApiFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ApiOrderBy>>;
};


/** The root of every query. */
export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditLogFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** The root of every query. */
export type QueryComponentArgs = {
  identifier: Scalars['String']['input'];
};


/** The root of every query. */
export type QueryComponentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ComponentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ComponentOrderBy>>;
};


/** The root of every query. */
export type QueryDevEnvironmentArgs = {
  identifier: Scalars['String']['input'];
};


/** The root of every query. */
export type QueryDevEnvironmentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<DevEnvironmentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<DevEnvironmentOrderBy>>;
};


/** The root of every query. */
export type QueryDomainArgs = {
  identifier: Scalars['String']['input'];
};


/** The root of every query. */
export type QueryDomainsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<DomainFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<DomainOrderBy>>;
};


/** The root of every query. */
export type QueryEntityArgs = {
  blueprint: BlueprintIdentifier;
  identifier: Scalars['String']['input'];
};


/** The root of every query. */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


/** The root of every query. */
export type QueryResourceArgs = {
  identifier: Scalars['String']['input'];
};


/** The root of every query. */
export type QueryResourcesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ResourceFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ResourceOrderBy>>;
};


/** The root of every query. */
export type QueryRunArgs = {
  id: Scalars['ID']['input'];
};


/** The root of every query. */
export type QueryRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<RunFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<RunOrderBy>;
};


/** The root of every query. */
export type QueryScorecardDefinitionsArgs = {
  blueprint?: InputMaybe<BlueprintIdentifier>;
};


/** The root of every query. */
export type QuerySearchArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  query?: InputMaybe<Scalars['JSON']['input']>;
  where?: InputMaybe<SearchQuery>;
};


/** The root of every query. */
export type QuerySystemArgs = {
  identifier: Scalars['String']['input'];
};


/** The root of every query. */
export type QuerySystemsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<SystemFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<SystemOrderBy>>;
};

/** Which way relations go, from the given entities. */
export type RelatedDirection =
  /** Entities that point to the given ones, transitively (Port's `downstream`). */
  | 'downstream'
  /** Entities the given ones point to, transitively (Port's `upstream`). */
  | 'upstream';

/** Entities related to given entities (Port's `relatedTo`). */
export type RelatedToRule = {
  /** The blueprint of the given entities. */
  blueprint: BlueprintIdentifier;
  /** Which way the relations go from the given entities; both when absent. */
  direction?: InputMaybe<RelatedDirection>;
  /** Only through required relations. */
  required?: InputMaybe<Scalars['Boolean']['input']>;
  /** The identifiers of the given entities. */
  value: Array<Scalars['String']['input']>;
};

/** How a relation rule compares the relation's identifiers. */
export type RelationOperator =
  /** The list holds any of the values (a list). Port's `containsAny`. */
  | 'containsAny'
  /** Equal to the value. Port's `=`. */
  | '='
  /** One of the values (a list). Port's `in`. */
  | 'in'
  /** Not set, or empty (no value). Port's `isEmpty`. */
  | 'isEmpty'
  /** Set and not empty (no value). Port's `isNotEmpty`. */
  | 'isNotEmpty'
  /** Not equal to the value. Port's `!=`. */
  | '!='
  /** None of the values (a list). Port's `notIn`. */
  | 'notIn';

/** A condition on a relation's targets. */
export type RelationRule = {
  /** How the identifiers compare. */
  operator: RelationOperator;
  /** The relation's identifier. */
  relation: Scalars['String']['input'];
  /** An identifier, or a list of them (absent for IS_EMPTY, IS_NOT_EMPTY). */
  value?: InputMaybe<Scalars['JSON']['input']>;
};

/** Resource: an entity of blueprint "Resource". */
export type Resource = Entity & Node & {
  __typename?: 'Resource';
  /** The entity's blueprint. */
  blueprint: BlueprintIdentifier;
  /** Component entities whose "resources" relation points here. */
  componentsByResources: ComponentConnection;
  /** Fields that two layers set to different values; the first layer's value is served. */
  conflicts: Array<SourceConflict>;
  /** When the entity was created (Port's `$createdAt`). */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who created the entity through the API; null for entities from catalog files and live sources. */
  createdBy?: Maybe<Scalars['String']['output']>;
  /** The entity's icon (Port's `$icon`). */
  icon?: Maybe<Scalars['String']['output']>;
  /** Global, opaque identifier: pass it to `node(id:)`. */
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
  /** The teams that own the entity (Port's `$team`). */
  team: Array<Scalars['String']['output']>;
  /** The entity's title (Port's `$title`). */
  title?: Maybe<Scalars['String']['output']>;
  /** Property "type" of blueprint "Resource". */
  type?: Maybe<ResourceType>;
  /** When the entity was last changed (Port's `$updatedAt`). */
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who last changed the entity through the API; null for entities from catalog files and live sources. */
  updatedBy?: Maybe<Scalars['String']['output']>;
};


/** Resource: an entity of blueprint "Resource". */
export type ResourceComponentsByResourcesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ComponentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ComponentOrderBy>>;
};

/** A page of Resource entities (a Relay connection). */
export type ResourceConnection = {
  __typename?: 'ResourceConnection';
  /** The Resource entities of the page, each with its cursor. */
  edges: Array<ResourceEdge>;
  /** The Resource entities of the page; an entry is null (with an error naming it) when a relation points at an entity that does not exist. */
  nodes: Array<Maybe<Resource>>;
  /** Where the page is: cursors and whether there are more. */
  pageInfo: PageInfo;
  /** How many Resource entities match, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** A Resource entity and its cursor. */
export type ResourceEdge = {
  __typename?: 'ResourceEdge';
  /** Pass it as `after` or `before` to page from here. */
  cursor: Scalars['String']['output'];
  /** The Resource entity; null (with an error naming it) when a relation points at an entity that does not exist. */
  node?: Maybe<Resource>;
};

/** A condition on Resource entities: every field given must hold. */
export type ResourceFilter = {
  /** Every one of these conditions holds. */
  and?: InputMaybe<Array<ResourceFilter>>;
  /** A condition on the meta field $createdAt. */
  createdAt?: InputMaybe<DateTimeFilter>;
  /** A condition on the meta field $icon. */
  icon?: InputMaybe<StringFilter>;
  /** A condition on the meta field $identifier. */
  identifier?: InputMaybe<StringFilter>;
  /** This condition does not hold. */
  not?: InputMaybe<ResourceFilter>;
  /** At least one of these conditions holds. */
  or?: InputMaybe<Array<ResourceFilter>>;
  /** A condition on the meta field $team. */
  team?: InputMaybe<StringListFilter>;
  /** A condition on the meta field $title. */
  title?: InputMaybe<StringFilter>;
  /** A condition on property "type" of blueprint "Resource". */
  type?: InputMaybe<ResourceTypeFilter>;
  /** A condition on the meta field $updatedAt. */
  updatedAt?: InputMaybe<DateTimeFilter>;
};

/** The orders of Resource entities. */
export type ResourceOrderBy =
  /** By the meta field $createdAt, ascending. */
  | 'CREATED_AT_ASC'
  /** By the meta field $createdAt, descending. */
  | 'CREATED_AT_DESC'
  /** By the meta field $icon, ascending. */
  | 'ICON_ASC'
  /** By the meta field $icon, descending. */
  | 'ICON_DESC'
  /** By the meta field $identifier, ascending. */
  | 'IDENTIFIER_ASC'
  /** By the meta field $identifier, descending. */
  | 'IDENTIFIER_DESC'
  /** By the meta field $title, ascending. */
  | 'TITLE_ASC'
  /** By the meta field $title, descending. */
  | 'TITLE_DESC'
  /** By "type", ascending. */
  | 'TYPE_ASC'
  /** By "type", descending. */
  | 'TYPE_DESC'
  /** By the meta field $updatedAt, ascending. */
  | 'UPDATED_AT_ASC'
  /** By the meta field $updatedAt, descending. */
  | 'UPDATED_AT_DESC';

/** Changes to a Resource entity: what is given is set (null clears it), what is not given is kept. */
export type ResourcePatch = {
  /** The entity's icon; null clears it. */
  icon?: InputMaybe<Scalars['String']['input']>;
  /** The teams that own the entity; null clears it. */
  team?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The entity's title; null clears it. */
  title?: InputMaybe<Scalars['String']['input']>;
  /** Property "type" of blueprint "Resource": its value. Null clears it. */
  type?: InputMaybe<ResourceType>;
};

/** The values of property "type" of blueprint "Resource". */
export type ResourceType =
  /** As written: "kafka-topic" */
  | 'KAFKA_TOPIC'
  /** As written: "postgress" */
  | 'POSTGRESS'
  /** As written: "rabbit-queue" */
  | 'RABBIT_QUEUE'
  /** As written: "s3-bucket" */
  | 'S3_BUCKET';

/** A condition on a ResourceType value. */
export type ResourceTypeFilter = {
  /** Equal to this value. */
  equalTo?: InputMaybe<ResourceType>;
  /** One of these values. */
  in?: InputMaybe<Array<ResourceType>>;
  /** true: the value is not set; false: it is set. */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** Not equal to this value. */
  notEqualTo?: InputMaybe<ResourceType>;
  /** None of these values. */
  notIn?: InputMaybe<Array<ResourceType>>;
};

/** A condition on a list of ResourceType values. */
export type ResourceTypeListFilter = {
  /** The list holds this value. */
  contains?: InputMaybe<ResourceType>;
  /** true: the list is empty; false: it has a value. */
  isEmpty?: InputMaybe<Scalars['Boolean']['input']>;
  /** true: the list is not set; false: it is set. */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
};

/** One approver's decision on a run. */
export type RunApproval = {
  __typename?: 'RunApproval';
  /** When they decided. */
  at: Scalars['DateTime']['output'];
  /** What they decided. */
  decision: RunDecision;
  /** Why, when they said. */
  reason?: Maybe<Scalars['String']['output']>;
  /** Who decided. */
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

/** A decision on a run that waits for approval. */
export type RunDecision =
  /** The run may go on. */
  | 'APPROVE'
  /** The run is declined and never invoked. */
  | 'DECLINE';

/** A condition on runs: every field given must hold. */
export type RunFilter = {
  /** Runs of this action (its identifier). */
  action?: InputMaybe<Scalars['String']['input']>;
  /** Runs on entities of this blueprint. */
  blueprint?: InputMaybe<BlueprintIdentifier>;
  /** Runs on the entity with this identifier. */
  entity?: InputMaybe<Scalars['String']['input']>;
  /** Runs with this status. */
  status?: InputMaybe<RunStatus>;
  /** Runs created by this user. */
  user?: InputMaybe<Scalars['String']['input']>;
};

/** One line of a run's log. */
export type RunLogLine = {
  __typename?: 'RunLogLine';
  /** When the line was appended. */
  at: Scalars['DateTime']['output'];
  /** Opaque, increasing: pass it as `after` to resume. */
  cursor: Scalars['String']['output'];
  /** The line as its executor wrote it. */
  message: Scalars['String']['output'];
};

/** The orders of runs. */
export type RunOrderBy =
  /** Oldest first. */
  | 'CREATED_AT_ASC'
  /** Newest first. */
  | 'CREATED_AT_DESC';

/** The status of an action run. */
export type RunStatus =
  /** Cancelled before it ended. */
  | 'CANCELLED'
  /** An approver declined it; it was never invoked. */
  | 'DECLINED'
  /** Ended in failure. */
  | 'FAILURE'
  /** Invoked (or about to be); its executor reports as it goes. */
  | 'IN_PROGRESS'
  /** Ended well. */
  | 'SUCCESS'
  /** Created; waits for the approvals its action requires. */
  | 'WAITING_FOR_APPROVAL';

/** A waiver of an action's gates on one entity, valid for one execution within `durationSeconds` of its approval. */
export type RunWaiver = {
  __typename?: 'RunWaiver';
  /** How long the granted waiver stays valid, in seconds. */
  durationSeconds: Scalars['Int']['output'];
  /** When the granted waiver stops being valid; null until approved. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** Why the gates should be waived, as asked. */
  reason: Scalars['String']['output'];
};

/** A change of the served schema that can break clients. */
export type SchemaChange = {
  __typename?: 'SchemaChange';
  /** When the reload that made it happened. */
  at: Scalars['DateTime']['output'];
  /** What changed, e.g. "Component.type was removed." */
  description: Scalars['String']['output'];
  /** graphql-js's kind of change: FIELD_REMOVED, TYPE_REMOVED, FIELD_CHANGED_KIND, REQUIRED_ARG_ADDED… */
  type: Scalars['String']['output'];
};

/** A scorecard as loaded (schema/scorecards/). */
export type ScorecardDefinition = {
  __typename?: 'ScorecardDefinition';
  /** The blueprint whose entities it grades. */
  blueprint: BlueprintIdentifier;
  /** The scorecard as written (Port format). */
  definition: Scalars['JSON']['output'];
  /** The scorecard's description, when set. */
  description?: Maybe<Scalars['String']['output']>;
  /** Only entities matching it are graded (Port's rule language), or null. */
  filter?: Maybe<Scalars['JSON']['output']>;
  /** The scorecard's identifier. */
  identifier: Scalars['String']['output'];
  /** Lowest first. */
  levels: Array<ScorecardLevel>;
  /** By level, lowest first. */
  rules: Array<ScorecardRuleDefinition>;
  /** The scorecard's title. */
  title: Scalars['String']['output'];
};

/** A level of a scorecard (Bronze, Silver, Gold…). */
export type ScorecardLevel = {
  __typename?: 'ScorecardLevel';
  /** The color Port shows it in, when set. */
  color?: Maybe<Scalars['String']['output']>;
  /** The level's title, which rules and filters name. */
  title: Scalars['String']['output'];
};

/** A scorecard level condition; levels compare in the scorecard's order (lowest first). Entities the scorecard does not grade match only `isNull: true`. */
export type ScorecardLevelFilter = {
  /** This level or a higher one. */
  atLeast?: InputMaybe<Scalars['String']['input']>;
  /** A level lower than this one. */
  below?: InputMaybe<Scalars['String']['input']>;
  /** This level. */
  equalTo?: InputMaybe<Scalars['String']['input']>;
  /** One of these levels. */
  in?: InputMaybe<Array<Scalars['String']['input']>>;
  /** true: the scorecard does not grade the entity; false: it does. */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** Any other level. */
  notEqualTo?: InputMaybe<Scalars['String']['input']>;
  /** None of these levels. */
  notIn?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** An entity's grade in one scorecard: the highest level whose rules, and every lower level's rules, pass. */
export type ScorecardResult = {
  __typename?: 'ScorecardResult';
  /** The scorecard's description, when set. */
  description?: Maybe<Scalars['String']['output']>;
  /** The scorecard's identifier. */
  identifier: Scalars['String']['output'];
  /** The level reached (the first level when no rule above it passes). */
  level: Scalars['String']['output'];
  /** The scorecard's levels, lowest first. */
  levels: Array<ScorecardLevel>;
  /** Each rule of the scorecard and whether the entity passes it. */
  rules: Array<ScorecardRuleResult>;
  /** The scorecard's title. */
  title: Scalars['String']['output'];
};

/** A rule of a scorecard, as loaded. */
export type ScorecardRuleDefinition = {
  __typename?: 'ScorecardRuleDefinition';
  /** Actions that can fix it when it fails. */
  actions: Array<Scalars['String']['output']>;
  /** The rule's description, when set. */
  description?: Maybe<Scalars['String']['output']>;
  /** The rule's identifier. */
  identifier: Scalars['String']['output'];
  /** The level the rule belongs to. */
  level: Scalars['String']['output'];
  /** The rule's query in the rule language (`conditions` read as `rules`). */
  query: Scalars['JSON']['output'];
  /** The rule's title. */
  title: Scalars['String']['output'];
};

/** A rule of a scorecard and whether the entity passes it. */
export type ScorecardRuleResult = {
  __typename?: 'ScorecardRuleResult';
  /** Actions that can fix the rule when it fails. */
  actions: Array<Scalars['String']['output']>;
  /** The rule's description, when set. */
  description?: Maybe<Scalars['String']['output']>;
  /** The rule's identifier. */
  identifier: Scalars['String']['output'];
  /** The level the rule belongs to. */
  level: Scalars['String']['output'];
  /** True when the entity passes the rule. */
  passed: Scalars['Boolean']['output'];
  /** The rule's title. */
  title: Scalars['String']['output'];
};

/** How the rules of a group combine. */
export type SearchCombinator =
  /** Every rule holds (Port's `and`). */
  | 'and'
  /** At least one rule holds (Port's `or`). */
  | 'or';

/** How a property rule compares its value. */
export type SearchOperator =
  /** The text begins with the value. Port's `beginsWith`. */
  | 'beginsWith'
  /**  }). Port's `between`. */
  | 'between'
  /** The text contains the value (or the list holds it). Port's `contains`. */
  | 'contains'
  /** The list holds any of the values (a list). Port's `containsAny`. */
  | 'containsAny'
  /** The text does not begin with the value. Port's `doesNotBeginsWith`. */
  | 'doesNotBeginsWith'
  /** The text does not contain the value. Port's `doesNotContains`. */
  | 'doesNotContains'
  /** The text does not end with the value. Port's `doesNotEndsWith`. */
  | 'doesNotEndsWith'
  /** The text ends with the value. Port's `endsWith`. */
  | 'endsWith'
  /** Equal to the value. Port's `=`. */
  | '='
  /** Greater than the value. Port's `>`. */
  | '>'
  /** Greater than or equal to the value. Port's `>=`. */
  | '>='
  /** One of the values (a list). Port's `in`. */
  | 'in'
  /** Not set, or empty (no value). Port's `isEmpty`. */
  | 'isEmpty'
  /** A timer that has expired (no value). Port's `isExpired`. */
  | 'isExpired'
  /** Set and not empty (no value). Port's `isNotEmpty`. */
  | 'isNotEmpty'
  /** A timer that has not expired (no value). Port's `isNotExpired`. */
  | 'isNotExpired'
  /** Less than the value. Port's `<`. */
  | '<'
  /** Less than or equal to the value. Port's `<=`. */
  | '<='
  /** Not between two dates, or outside a preset range. Port's `notBetween`. */
  | 'notBetween'
  /** Not equal to the value. Port's `!=`. */
  | '!='
  /** None of the values (a list). Port's `notIn`. */
  | 'notIn'
  /** Between two dates ({ from, to }) or in a preset range ({ preset:  */
  | 'lastWeek';

/** Port's rule language as typed input: a group of rules, every one (AND) or any (OR) of which must hold. Values are JSON, as Port writes them (enum values as written in the blueprint). */
export type SearchQuery = {
  /** How the rules combine. */
  combinator: SearchCombinator;
  /** The rules. */
  rules: Array<SearchRule>;
};

/** One rule of a search: exactly one of its fields. */
export type SearchRule = {
  /** A nested group of rules. */
  group?: InputMaybe<SearchQuery>;
  /** A condition on a property, a computed property or a meta field ($title…) of the entity. */
  property?: InputMaybe<PropertyRule>;
  /** Entities related to given entities, through any relations. */
  relatedTo?: InputMaybe<RelatedToRule>;
  /** A condition on the identifiers a relation of the entity points at. */
  relation?: InputMaybe<RelationRule>;
};

/** A field that two layers of an entity set to different values. */
export type SourceConflict = {
  __typename?: 'SourceConflict';
  /** properties.<id>, relations.<id> or title. */
  field: Scalars['String']['output'];
  /** Each layer's value, in the order the layers are merged. */
  values: Array<SourceValue>;
};

/** What one layer of an entity says a field is. */
export type SourceValue = {
  __typename?: 'SourceValue';
  /** The layer: `catalog` or a live source's name. */
  source: Scalars['String']['output'];
  /** The value that layer holds, as stored. */
  value?: Maybe<Scalars['JSON']['output']>;
};

/** A condition on a String value: every operator given must hold. */
export type StringFilter = {
  /** Substring match, case-sensitive. */
  contains?: InputMaybe<Scalars['String']['input']>;
  /** Ends with this text, case-sensitive. */
  endsWith?: InputMaybe<Scalars['String']['input']>;
  /** Equal to this value. */
  equalTo?: InputMaybe<Scalars['String']['input']>;
  /** Greater than this value. */
  greaterThan?: InputMaybe<Scalars['String']['input']>;
  /** Greater than or equal to this value. */
  greaterThanOrEqualTo?: InputMaybe<Scalars['String']['input']>;
  /** One of these values. */
  in?: InputMaybe<Array<Scalars['String']['input']>>;
  /** true: the value is not set; false: it is set. */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** Less than this value. */
  lessThan?: InputMaybe<Scalars['String']['input']>;
  /** Less than or equal to this value. */
  lessThanOrEqualTo?: InputMaybe<Scalars['String']['input']>;
  /** Not equal to this value. */
  notEqualTo?: InputMaybe<Scalars['String']['input']>;
  /** None of these values. */
  notIn?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Starts with this text, case-sensitive. */
  startsWith?: InputMaybe<Scalars['String']['input']>;
};

/** Filters a list property: `contains` matches when any element equals the value. */
export type StringListFilter = {
  /** The list holds this value. */
  contains?: InputMaybe<Scalars['String']['input']>;
  /** true: the list is empty; false: it has a value. */
  isEmpty?: InputMaybe<Scalars['Boolean']['input']>;
  /** true: the list is not set; false: it is set. */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Events as they happen, over graphql-ws. */
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


/** Events as they happen, over graphql-ws. */
export type SubscriptionEntityChangedArgs = {
  blueprint: BlueprintIdentifier;
  identifier?: InputMaybe<Scalars['String']['input']>;
};


/** Events as they happen, over graphql-ws. */
export type SubscriptionRunLogsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
};


/** Events as they happen, over graphql-ws. */
export type SubscriptionRunUpdatedArgs = {
  id: Scalars['ID']['input'];
};


/** Events as they happen, over graphql-ws. */
export type SubscriptionRunsArgs = {
  filter?: InputMaybe<RunFilter>;
};

/** System: an entity of blueprint "System". */
export type System = Entity & Node & {
  __typename?: 'System';
  /** The entity's blueprint. */
  blueprint: BlueprintIdentifier;
  /** Component entities whose "system" relation points here. */
  componentsBySystem: ComponentConnection;
  /** Fields that two layers set to different values; the first layer's value is served. */
  conflicts: Array<SourceConflict>;
  /** When the entity was created (Port's `$createdAt`). */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who created the entity through the API; null for entities from catalog files and live sources. */
  createdBy?: Maybe<Scalars['String']['output']>;
  /** Relation "domain" of blueprint "System" (required): the Domain entity it points to. */
  domain: Domain;
  /** The entity's icon (Port's `$icon`). */
  icon?: Maybe<Scalars['String']['output']>;
  /** Global, opaque identifier: pass it to `node(id:)`. */
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
  /** The teams that own the entity (Port's `$team`). */
  team: Array<Scalars['String']['output']>;
  /** The entity's title (Port's `$title`). */
  title?: Maybe<Scalars['String']['output']>;
  /** When the entity was last changed (Port's `$updatedAt`). */
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who last changed the entity through the API; null for entities from catalog files and live sources. */
  updatedBy?: Maybe<Scalars['String']['output']>;
};


/** System: an entity of blueprint "System". */
export type SystemComponentsBySystemArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ComponentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ComponentOrderBy>>;
};

/** A page of System entities (a Relay connection). */
export type SystemConnection = {
  __typename?: 'SystemConnection';
  /** The System entities of the page, each with its cursor. */
  edges: Array<SystemEdge>;
  /** The System entities of the page; an entry is null (with an error naming it) when a relation points at an entity that does not exist. */
  nodes: Array<Maybe<System>>;
  /** Where the page is: cursors and whether there are more. */
  pageInfo: PageInfo;
  /** How many System entities match, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** A System entity and its cursor. */
export type SystemEdge = {
  __typename?: 'SystemEdge';
  /** Pass it as `after` or `before` to page from here. */
  cursor: Scalars['String']['output'];
  /** The System entity; null (with an error naming it) when a relation points at an entity that does not exist. */
  node?: Maybe<System>;
};

/** A condition on System entities: every field given must hold. */
export type SystemFilter = {
  /** Every one of these conditions holds. */
  and?: InputMaybe<Array<SystemFilter>>;
  /** A condition on the meta field $createdAt. */
  createdAt?: InputMaybe<DateTimeFilter>;
  /** Matches when the entity the "domain" relation points to matches. */
  domain?: InputMaybe<DomainFilter>;
  /** A condition on the meta field $icon. */
  icon?: InputMaybe<StringFilter>;
  /** A condition on the meta field $identifier. */
  identifier?: InputMaybe<StringFilter>;
  /** This condition does not hold. */
  not?: InputMaybe<SystemFilter>;
  /** At least one of these conditions holds. */
  or?: InputMaybe<Array<SystemFilter>>;
  /** A condition on the meta field $team. */
  team?: InputMaybe<StringListFilter>;
  /** A condition on the meta field $title. */
  title?: InputMaybe<StringFilter>;
  /** A condition on the meta field $updatedAt. */
  updatedAt?: InputMaybe<DateTimeFilter>;
};

/** The orders of System entities. */
export type SystemOrderBy =
  /** By the meta field $createdAt, ascending. */
  | 'CREATED_AT_ASC'
  /** By the meta field $createdAt, descending. */
  | 'CREATED_AT_DESC'
  /** By the meta field $icon, ascending. */
  | 'ICON_ASC'
  /** By the meta field $icon, descending. */
  | 'ICON_DESC'
  /** By the meta field $identifier, ascending. */
  | 'IDENTIFIER_ASC'
  /** By the meta field $identifier, descending. */
  | 'IDENTIFIER_DESC'
  /** By the meta field $title, ascending. */
  | 'TITLE_ASC'
  /** By the meta field $title, descending. */
  | 'TITLE_DESC'
  /** By the meta field $updatedAt, ascending. */
  | 'UPDATED_AT_ASC'
  /** By the meta field $updatedAt, descending. */
  | 'UPDATED_AT_DESC';

/** Changes to a System entity: what is given is set (null clears it), what is not given is kept. */
export type SystemPatch = {
  /** Relation "domain" of blueprint "System": the identifier of the Domain entity it points to (required). Null clears it. */
  domain?: InputMaybe<Scalars['String']['input']>;
  /** The entity's icon; null clears it. */
  icon?: InputMaybe<Scalars['String']['input']>;
  /** The teams that own the entity; null clears it. */
  team?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The entity's title; null clears it. */
  title?: InputMaybe<Scalars['String']['input']>;
};

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

/** A condition on a timer (Port's `timer` format, an expiry time): every operator given must hold. */
export type TimerFilter = {
  /** Equal to this time. */
  equalTo?: InputMaybe<Scalars['DateTime']['input']>;
  /** Expires after this time. */
  greaterThan?: InputMaybe<Scalars['DateTime']['input']>;
  /** Expires at or after this time. */
  greaterThanOrEqualTo?: InputMaybe<Scalars['DateTime']['input']>;
  /** true: the timer has expired (its time is now or past, as Port's isExpired); false: it has not, or is not set (isNotExpired). */
  isExpired?: InputMaybe<Scalars['Boolean']['input']>;
  /** true: the timer is not set; false: it is set. */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** Expires before this time. */
  lessThan?: InputMaybe<Scalars['DateTime']['input']>;
  /** Expires at or before this time. */
  lessThanOrEqualTo?: InputMaybe<Scalars['DateTime']['input']>;
  /** Not equal to this time. */
  notEqualTo?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A condition on a list of timers. */
export type TimerListFilter = {
  /** The list holds this time. */
  contains?: InputMaybe<Scalars['DateTime']['input']>;
  /** true: the list is empty; false: it has a value. */
  isEmpty?: InputMaybe<Scalars['Boolean']['input']>;
  /** true: the list is not set; false: it is set. */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
};

/** What updateAPI did. */
export type UpdateApiPayload = {
  __typename?: 'UpdateAPIPayload';
  /** The API entity as stored. */
  api: Api;
};

/** What updateComponent did. */
export type UpdateComponentPayload = {
  __typename?: 'UpdateComponentPayload';
  /** The Component entity as stored. */
  component: Component;
};

/** What updateDevEnvironment did. */
export type UpdateDevEnvironmentPayload = {
  __typename?: 'UpdateDevEnvironmentPayload';
  /** The DevEnvironment entity as stored. */
  devEnvironment: DevEnvironment;
};

/** What updateDomain did. */
export type UpdateDomainPayload = {
  __typename?: 'UpdateDomainPayload';
  /** The Domain entity as stored. */
  domain: Domain;
};

/** What updateResource did. */
export type UpdateResourcePayload = {
  __typename?: 'UpdateResourcePayload';
  /** The Resource entity as stored. */
  resource: Resource;
};

/** What updateSystem did. */
export type UpdateSystemPayload = {
  __typename?: 'UpdateSystemPayload';
  /** The System entity as stored. */
  system: System;
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
  API: ResolverTypeWrapper<Omit<Api, 'blueprint' | 'componentsByConsumesApi' | 'componentsByProvidesApi' | 'provider'> & { blueprint: ResolversTypes['BlueprintIdentifier'], componentsByConsumesApi: ResolversTypes['ComponentConnection'], componentsByProvidesApi: ResolversTypes['ComponentConnection'], provider: ResolversTypes['Component'] }>;
  APIConnection: ResolverTypeWrapper<Omit<ApiConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['APIEdge']>, nodes: Array<Maybe<ResolversTypes['API']>> }>;
  APIEdge: ResolverTypeWrapper<Omit<ApiEdge, 'node'> & { node?: Maybe<ResolversTypes['API']> }>;
  APIFilter: ApiFilter;
  APIOrderBy: ApiOrderBy;
  APIPatch: ApiPatch;
  APIType: ApiType;
  APITypeFilter: ApiTypeFilter;
  APITypeListFilter: ApiTypeListFilter;
  ActionDefinition: ResolverTypeWrapper<Omit<ActionDefinition, 'blueprint'> & { blueprint?: Maybe<ResolversTypes['BlueprintIdentifier']> }>;
  ActionOperation: null;
  ActionRun: ResolverTypeWrapper<RunModel>;
  ActionRunConnection: ResolverTypeWrapper<RunsPageModel>;
  ActionRunEdge: ResolverTypeWrapper<Omit<ActionRunEdge, 'node'> & { node: ResolversTypes['ActionRun'] }>;
  AuditActor: ResolverTypeWrapper<AuditActor>;
  AuditEvent: ResolverTypeWrapper<AuditEvent>;
  AuditEventConnection: ResolverTypeWrapper<AuditEventConnection>;
  AuditLogFilter: AuditLogFilter;
  AuditOutcome: AuditOutcome;
  Blueprint: ResolverTypeWrapper<Omit<Blueprint, 'identifier' | 'relations'> & { identifier: ResolversTypes['BlueprintIdentifier'], relations: Array<ResolversTypes['BlueprintRelation']> }>;
  BlueprintIdentifier: ResolverTypeWrapper<BlueprintIdModel>;
  BlueprintRelation: ResolverTypeWrapper<Omit<BlueprintRelation, 'target'> & { target: ResolversTypes['BlueprintIdentifier'] }>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  BooleanFilter: BooleanFilter;
  BooleanListFilter: BooleanListFilter;
  Component: ResolverTypeWrapper<Omit<Component, 'apisByProvider' | 'blueprint' | 'components' | 'componentsByComponents' | 'consumesApi' | 'providesApi' | 'resources' | 'system'> & { apisByProvider: ResolversTypes['APIConnection'], blueprint: ResolversTypes['BlueprintIdentifier'], components: ResolversTypes['ComponentConnection'], componentsByComponents: ResolversTypes['ComponentConnection'], consumesApi: ResolversTypes['APIConnection'], providesApi?: Maybe<ResolversTypes['API']>, resources: ResolversTypes['ResourceConnection'], system?: Maybe<ResolversTypes['System']> }>;
  ComponentConnection: ResolverTypeWrapper<Omit<ComponentConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['ComponentEdge']>, nodes: Array<Maybe<ResolversTypes['Component']>> }>;
  ComponentEdge: ResolverTypeWrapper<Omit<ComponentEdge, 'node'> & { node?: Maybe<ResolversTypes['Component']> }>;
  ComponentFilter: ComponentFilter;
  ComponentOrderBy: ComponentOrderBy;
  ComponentPatch: ComponentPatch;
  ComponentType: ComponentType;
  ComponentTypeFilter: ComponentTypeFilter;
  ComponentTypeListFilter: ComponentTypeListFilter;
  CreateAPIInput: CreateApiInput;
  CreateAPIPayload: ResolverTypeWrapper<Omit<CreateApiPayload, 'api'> & { api: ResolversTypes['API'] }>;
  CreateComponentInput: CreateComponentInput;
  CreateComponentPayload: ResolverTypeWrapper<Omit<CreateComponentPayload, 'component'> & { component: ResolversTypes['Component'] }>;
  CreateDevEnvironmentInput: CreateDevEnvironmentInput;
  CreateDevEnvironmentPayload: ResolverTypeWrapper<Omit<CreateDevEnvironmentPayload, 'devEnvironment'> & { devEnvironment: ResolversTypes['DevEnvironment'] }>;
  CreateDomainInput: CreateDomainInput;
  CreateDomainPayload: ResolverTypeWrapper<Omit<CreateDomainPayload, 'domain'> & { domain: ResolversTypes['Domain'] }>;
  CreateResourceInput: CreateResourceInput;
  CreateResourcePayload: ResolverTypeWrapper<Omit<CreateResourcePayload, 'resource'> & { resource: ResolversTypes['Resource'] }>;
  CreateSystemInput: CreateSystemInput;
  CreateSystemPayload: ResolverTypeWrapper<Omit<CreateSystemPayload, 'system'> & { system: ResolversTypes['System'] }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DateTimeFilter: DateTimeFilter;
  DateTimeListFilter: DateTimeListFilter;
  DeleteAPIPayload: ResolverTypeWrapper<DeleteApiPayload>;
  DeleteComponentPayload: ResolverTypeWrapper<DeleteComponentPayload>;
  DeleteDevEnvironmentPayload: ResolverTypeWrapper<DeleteDevEnvironmentPayload>;
  DeleteDomainPayload: ResolverTypeWrapper<DeleteDomainPayload>;
  DeleteResourcePayload: ResolverTypeWrapper<DeleteResourcePayload>;
  DeleteSystemPayload: ResolverTypeWrapper<DeleteSystemPayload>;
  DevEnvironment: ResolverTypeWrapper<Omit<DevEnvironment, 'blueprint'> & { blueprint: ResolversTypes['BlueprintIdentifier'] }>;
  DevEnvironmentConnection: ResolverTypeWrapper<Omit<DevEnvironmentConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['DevEnvironmentEdge']>, nodes: Array<Maybe<ResolversTypes['DevEnvironment']>> }>;
  DevEnvironmentEdge: ResolverTypeWrapper<Omit<DevEnvironmentEdge, 'node'> & { node?: Maybe<ResolversTypes['DevEnvironment']> }>;
  DevEnvironmentFilter: DevEnvironmentFilter;
  DevEnvironmentOrderBy: DevEnvironmentOrderBy;
  DevEnvironmentPatch: DevEnvironmentPatch;
  Domain: ResolverTypeWrapper<Omit<Domain, 'blueprint' | 'systemsByDomain'> & { blueprint: ResolversTypes['BlueprintIdentifier'], systemsByDomain: ResolversTypes['SystemConnection'] }>;
  DomainConnection: ResolverTypeWrapper<Omit<DomainConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['DomainEdge']>, nodes: Array<Maybe<ResolversTypes['Domain']>> }>;
  DomainEdge: ResolverTypeWrapper<Omit<DomainEdge, 'node'> & { node?: Maybe<ResolversTypes['Domain']> }>;
  DomainFilter: DomainFilter;
  DomainOrderBy: DomainOrderBy;
  DomainPatch: DomainPatch;
  EmailAddress: ResolverTypeWrapper<Scalars['EmailAddress']['output']>;
  Entity: ResolverTypeWrapper<EntityModel>;
  EntityChange: ResolverTypeWrapper<Omit<EntityChange, 'blueprint' | 'entity'> & { blueprint: ResolversTypes['BlueprintIdentifier'], entity?: Maybe<ResolversTypes['Entity']> }>;
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
  IntFilter: IntFilter;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  JSONFilter: JsonFilter;
  JSONListFilter: JsonListFilter;
  LabeledURL: ResolverTypeWrapper<LabeledUrl>;
  LabeledURLInput: LabeledUrlInput;
  Lattice: ResolverTypeWrapper<Lattice>;
  LatticeLoadError: ResolverTypeWrapper<LatticeLoadError>;
  LatticeStatusCode: LatticeStatusCode;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Node: ResolverTypeWrapper<NodeValueModel>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PropertyRule: PropertyRule;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RelatedDirection: null;
  RelatedToRule: RelatedToRule;
  RelationOperator: null;
  RelationRule: RelationRule;
  Resource: ResolverTypeWrapper<Omit<Resource, 'blueprint' | 'componentsByResources'> & { blueprint: ResolversTypes['BlueprintIdentifier'], componentsByResources: ResolversTypes['ComponentConnection'] }>;
  ResourceConnection: ResolverTypeWrapper<Omit<ResourceConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['ResourceEdge']>, nodes: Array<Maybe<ResolversTypes['Resource']>> }>;
  ResourceEdge: ResolverTypeWrapper<Omit<ResourceEdge, 'node'> & { node?: Maybe<ResolversTypes['Resource']> }>;
  ResourceFilter: ResourceFilter;
  ResourceOrderBy: ResourceOrderBy;
  ResourcePatch: ResourcePatch;
  ResourceType: ResourceType;
  ResourceTypeFilter: ResourceTypeFilter;
  ResourceTypeListFilter: ResourceTypeListFilter;
  RunApproval: ResolverTypeWrapper<ApprovalModel>;
  RunAutomation: ResolverTypeWrapper<RunAutomation>;
  RunDecision: RunDecision;
  RunFilter: RunFilter;
  RunLogLine: ResolverTypeWrapper<RunLogLineModel>;
  RunOrderBy: RunOrderBy;
  RunStatus: RunStatus;
  RunWaiver: ResolverTypeWrapper<RunWaiver>;
  SchemaChange: ResolverTypeWrapper<SchemaChange>;
  ScorecardDefinition: ResolverTypeWrapper<Omit<ScorecardDefinition, 'blueprint'> & { blueprint: ResolversTypes['BlueprintIdentifier'] }>;
  ScorecardLevel: ResolverTypeWrapper<ScorecardLevel>;
  ScorecardLevelFilter: ScorecardLevelFilter;
  ScorecardResult: ResolverTypeWrapper<ScorecardResult>;
  ScorecardRuleDefinition: ResolverTypeWrapper<ScorecardRuleDefinition>;
  ScorecardRuleResult: ResolverTypeWrapper<ScorecardRuleResult>;
  SearchCombinator: null;
  SearchOperator: null;
  SearchQuery: SearchQuery;
  SearchRule: SearchRule;
  SourceConflict: ResolverTypeWrapper<SourceConflict>;
  SourceValue: ResolverTypeWrapper<SourceValue>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  StringFilter: StringFilter;
  StringListFilter: StringListFilter;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  System: ResolverTypeWrapper<Omit<System, 'blueprint' | 'componentsBySystem' | 'domain'> & { blueprint: ResolversTypes['BlueprintIdentifier'], componentsBySystem: ResolversTypes['ComponentConnection'], domain: ResolversTypes['Domain'] }>;
  SystemConnection: ResolverTypeWrapper<Omit<SystemConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['SystemEdge']>, nodes: Array<Maybe<ResolversTypes['System']>> }>;
  SystemEdge: ResolverTypeWrapper<Omit<SystemEdge, 'node'> & { node?: Maybe<ResolversTypes['System']> }>;
  SystemFilter: SystemFilter;
  SystemOrderBy: SystemOrderBy;
  SystemPatch: SystemPatch;
  Timer: ResolverTypeWrapper<Timer>;
  TimerFilter: TimerFilter;
  TimerListFilter: TimerListFilter;
  URL: ResolverTypeWrapper<Scalars['URL']['output']>;
  UpdateAPIPayload: ResolverTypeWrapper<Omit<UpdateApiPayload, 'api'> & { api: ResolversTypes['API'] }>;
  UpdateComponentPayload: ResolverTypeWrapper<Omit<UpdateComponentPayload, 'component'> & { component: ResolversTypes['Component'] }>;
  UpdateDevEnvironmentPayload: ResolverTypeWrapper<Omit<UpdateDevEnvironmentPayload, 'devEnvironment'> & { devEnvironment: ResolversTypes['DevEnvironment'] }>;
  UpdateDomainPayload: ResolverTypeWrapper<Omit<UpdateDomainPayload, 'domain'> & { domain: ResolversTypes['Domain'] }>;
  UpdateResourcePayload: ResolverTypeWrapper<Omit<UpdateResourcePayload, 'resource'> & { resource: ResolversTypes['Resource'] }>;
  UpdateSystemPayload: ResolverTypeWrapper<Omit<UpdateSystemPayload, 'system'> & { system: ResolversTypes['System'] }>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  API: Omit<Api, 'componentsByConsumesApi' | 'componentsByProvidesApi' | 'provider'> & { componentsByConsumesApi: ResolversParentTypes['ComponentConnection'], componentsByProvidesApi: ResolversParentTypes['ComponentConnection'], provider: ResolversParentTypes['Component'] };
  APIConnection: Omit<ApiConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['APIEdge']>, nodes: Array<Maybe<ResolversParentTypes['API']>> };
  APIEdge: Omit<ApiEdge, 'node'> & { node?: Maybe<ResolversParentTypes['API']> };
  APIFilter: ApiFilter;
  APIPatch: ApiPatch;
  APITypeFilter: ApiTypeFilter;
  APITypeListFilter: ApiTypeListFilter;
  ActionDefinition: ActionDefinition;
  ActionRun: RunModel;
  ActionRunConnection: RunsPageModel;
  ActionRunEdge: Omit<ActionRunEdge, 'node'> & { node: ResolversParentTypes['ActionRun'] };
  AuditActor: AuditActor;
  AuditEvent: AuditEvent;
  AuditEventConnection: AuditEventConnection;
  AuditLogFilter: AuditLogFilter;
  Blueprint: Omit<Blueprint, 'relations'> & { relations: Array<ResolversParentTypes['BlueprintRelation']> };
  BlueprintRelation: BlueprintRelation;
  Boolean: Scalars['Boolean']['output'];
  BooleanFilter: BooleanFilter;
  BooleanListFilter: BooleanListFilter;
  Component: Omit<Component, 'apisByProvider' | 'components' | 'componentsByComponents' | 'consumesApi' | 'providesApi' | 'resources' | 'system'> & { apisByProvider: ResolversParentTypes['APIConnection'], components: ResolversParentTypes['ComponentConnection'], componentsByComponents: ResolversParentTypes['ComponentConnection'], consumesApi: ResolversParentTypes['APIConnection'], providesApi?: Maybe<ResolversParentTypes['API']>, resources: ResolversParentTypes['ResourceConnection'], system?: Maybe<ResolversParentTypes['System']> };
  ComponentConnection: Omit<ComponentConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['ComponentEdge']>, nodes: Array<Maybe<ResolversParentTypes['Component']>> };
  ComponentEdge: Omit<ComponentEdge, 'node'> & { node?: Maybe<ResolversParentTypes['Component']> };
  ComponentFilter: ComponentFilter;
  ComponentPatch: ComponentPatch;
  ComponentTypeFilter: ComponentTypeFilter;
  ComponentTypeListFilter: ComponentTypeListFilter;
  CreateAPIInput: CreateApiInput;
  CreateAPIPayload: Omit<CreateApiPayload, 'api'> & { api: ResolversParentTypes['API'] };
  CreateComponentInput: CreateComponentInput;
  CreateComponentPayload: Omit<CreateComponentPayload, 'component'> & { component: ResolversParentTypes['Component'] };
  CreateDevEnvironmentInput: CreateDevEnvironmentInput;
  CreateDevEnvironmentPayload: Omit<CreateDevEnvironmentPayload, 'devEnvironment'> & { devEnvironment: ResolversParentTypes['DevEnvironment'] };
  CreateDomainInput: CreateDomainInput;
  CreateDomainPayload: Omit<CreateDomainPayload, 'domain'> & { domain: ResolversParentTypes['Domain'] };
  CreateResourceInput: CreateResourceInput;
  CreateResourcePayload: Omit<CreateResourcePayload, 'resource'> & { resource: ResolversParentTypes['Resource'] };
  CreateSystemInput: CreateSystemInput;
  CreateSystemPayload: Omit<CreateSystemPayload, 'system'> & { system: ResolversParentTypes['System'] };
  DateTime: Scalars['DateTime']['output'];
  DateTimeFilter: DateTimeFilter;
  DateTimeListFilter: DateTimeListFilter;
  DeleteAPIPayload: DeleteApiPayload;
  DeleteComponentPayload: DeleteComponentPayload;
  DeleteDevEnvironmentPayload: DeleteDevEnvironmentPayload;
  DeleteDomainPayload: DeleteDomainPayload;
  DeleteResourcePayload: DeleteResourcePayload;
  DeleteSystemPayload: DeleteSystemPayload;
  DevEnvironment: DevEnvironment;
  DevEnvironmentConnection: Omit<DevEnvironmentConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['DevEnvironmentEdge']>, nodes: Array<Maybe<ResolversParentTypes['DevEnvironment']>> };
  DevEnvironmentEdge: Omit<DevEnvironmentEdge, 'node'> & { node?: Maybe<ResolversParentTypes['DevEnvironment']> };
  DevEnvironmentFilter: DevEnvironmentFilter;
  DevEnvironmentPatch: DevEnvironmentPatch;
  Domain: Omit<Domain, 'systemsByDomain'> & { systemsByDomain: ResolversParentTypes['SystemConnection'] };
  DomainConnection: Omit<DomainConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['DomainEdge']>, nodes: Array<Maybe<ResolversParentTypes['Domain']>> };
  DomainEdge: Omit<DomainEdge, 'node'> & { node?: Maybe<ResolversParentTypes['Domain']> };
  DomainFilter: DomainFilter;
  DomainPatch: DomainPatch;
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
  IntFilter: IntFilter;
  JSON: Scalars['JSON']['output'];
  JSONFilter: JsonFilter;
  JSONListFilter: JsonListFilter;
  LabeledURL: LabeledUrl;
  LabeledURLInput: LabeledUrlInput;
  Lattice: Lattice;
  LatticeLoadError: LatticeLoadError;
  Mutation: Record<PropertyKey, never>;
  Node: NodeValueModel;
  PageInfo: PageInfo;
  PropertyRule: PropertyRule;
  Query: Record<PropertyKey, never>;
  RelatedToRule: RelatedToRule;
  RelationRule: RelationRule;
  Resource: Omit<Resource, 'componentsByResources'> & { componentsByResources: ResolversParentTypes['ComponentConnection'] };
  ResourceConnection: Omit<ResourceConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['ResourceEdge']>, nodes: Array<Maybe<ResolversParentTypes['Resource']>> };
  ResourceEdge: Omit<ResourceEdge, 'node'> & { node?: Maybe<ResolversParentTypes['Resource']> };
  ResourceFilter: ResourceFilter;
  ResourcePatch: ResourcePatch;
  ResourceTypeFilter: ResourceTypeFilter;
  ResourceTypeListFilter: ResourceTypeListFilter;
  RunApproval: ApprovalModel;
  RunAutomation: RunAutomation;
  RunFilter: RunFilter;
  RunLogLine: RunLogLineModel;
  RunWaiver: RunWaiver;
  SchemaChange: SchemaChange;
  ScorecardDefinition: ScorecardDefinition;
  ScorecardLevel: ScorecardLevel;
  ScorecardLevelFilter: ScorecardLevelFilter;
  ScorecardResult: ScorecardResult;
  ScorecardRuleDefinition: ScorecardRuleDefinition;
  ScorecardRuleResult: ScorecardRuleResult;
  SearchQuery: SearchQuery;
  SearchRule: SearchRule;
  SourceConflict: SourceConflict;
  SourceValue: SourceValue;
  String: Scalars['String']['output'];
  StringFilter: StringFilter;
  StringListFilter: StringListFilter;
  Subscription: Record<PropertyKey, never>;
  System: Omit<System, 'componentsBySystem' | 'domain'> & { componentsBySystem: ResolversParentTypes['ComponentConnection'], domain: ResolversParentTypes['Domain'] };
  SystemConnection: Omit<SystemConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['SystemEdge']>, nodes: Array<Maybe<ResolversParentTypes['System']>> };
  SystemEdge: Omit<SystemEdge, 'node'> & { node?: Maybe<ResolversParentTypes['System']> };
  SystemFilter: SystemFilter;
  SystemPatch: SystemPatch;
  Timer: Timer;
  TimerFilter: TimerFilter;
  TimerListFilter: TimerListFilter;
  URL: Scalars['URL']['output'];
  UpdateAPIPayload: Omit<UpdateApiPayload, 'api'> & { api: ResolversParentTypes['API'] };
  UpdateComponentPayload: Omit<UpdateComponentPayload, 'component'> & { component: ResolversParentTypes['Component'] };
  UpdateDevEnvironmentPayload: Omit<UpdateDevEnvironmentPayload, 'devEnvironment'> & { devEnvironment: ResolversParentTypes['DevEnvironment'] };
  UpdateDomainPayload: Omit<UpdateDomainPayload, 'domain'> & { domain: ResolversParentTypes['Domain'] };
  UpdateResourcePayload: Omit<UpdateResourcePayload, 'resource'> & { resource: ResolversParentTypes['Resource'] };
  UpdateSystemPayload: Omit<UpdateSystemPayload, 'system'> & { system: ResolversParentTypes['System'] };
};

export type ApiResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['API'] = ResolversParentTypes['API']> = {
  blueprint?: Resolver<ResolversTypes['BlueprintIdentifier'], ParentType, ContextType>;
  componentsByConsumesApi?: Resolver<ResolversTypes['ComponentConnection'], ParentType, ContextType, Partial<ApiComponentsByConsumesApiArgs>>;
  componentsByProvidesApi?: Resolver<ResolversTypes['ComponentConnection'], ParentType, ContextType, Partial<ApiComponentsByProvidesApiArgs>>;
  conflicts?: Resolver<Array<ResolversTypes['SourceConflict']>, ParentType, ContextType>;
  createdAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  icon?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  properties?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['Component'], ParentType, ContextType>;
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
  blueprint?: Resolver<Maybe<ResolversTypes['BlueprintIdentifier']>, ParentType, ContextType>;
  definition?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  inputsSchema?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  mutationName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  operation?: Resolver<ResolversTypes['ActionOperation'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ActionOperationResolvers = { CREATE?: 'CREATE', DAY_2: 'DAY-2', DELETE?: 'DELETE' };

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
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ActionRunConnectionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ActionRunConnection'] = ResolversParentTypes['ActionRunConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ActionRunEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['ActionRun']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ActionRunEdgeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ActionRunEdge'] = ResolversParentTypes['ActionRunEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ActionRun'], ParentType, ContextType>;
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
  identifier?: Resolver<ResolversTypes['BlueprintIdentifier'], ParentType, ContextType>;
  relations?: Resolver<Array<ResolversTypes['BlueprintRelation']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  typeName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type BlueprintIdentifierResolvers = EnumResolverSignature<{ API?: any, COMPONENT?: any, DEV_ENVIRONMENT?: any, DOMAIN?: any, RESOURCE?: any, SYSTEM?: any }, ResolversTypes['BlueprintIdentifier']>;

export type BlueprintRelationResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['BlueprintRelation'] = ResolversParentTypes['BlueprintRelation']> = {
  fieldName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  many?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  required?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reverseFieldName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['BlueprintIdentifier'], ParentType, ContextType>;
};

export type ComponentResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Component'] = ResolversParentTypes['Component']> = {
  apisByProvider?: Resolver<ResolversTypes['APIConnection'], ParentType, ContextType, Partial<ComponentApisByProviderArgs>>;
  blueprint?: Resolver<ResolversTypes['BlueprintIdentifier'], ParentType, ContextType>;
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

export type CreateApiPayloadResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CreateAPIPayload'] = ResolversParentTypes['CreateAPIPayload']> = {
  api?: Resolver<ResolversTypes['API'], ParentType, ContextType>;
};

export type CreateComponentPayloadResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CreateComponentPayload'] = ResolversParentTypes['CreateComponentPayload']> = {
  component?: Resolver<ResolversTypes['Component'], ParentType, ContextType>;
};

export type CreateDevEnvironmentPayloadResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CreateDevEnvironmentPayload'] = ResolversParentTypes['CreateDevEnvironmentPayload']> = {
  devEnvironment?: Resolver<ResolversTypes['DevEnvironment'], ParentType, ContextType>;
};

export type CreateDomainPayloadResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CreateDomainPayload'] = ResolversParentTypes['CreateDomainPayload']> = {
  domain?: Resolver<ResolversTypes['Domain'], ParentType, ContextType>;
};

export type CreateResourcePayloadResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CreateResourcePayload'] = ResolversParentTypes['CreateResourcePayload']> = {
  resource?: Resolver<ResolversTypes['Resource'], ParentType, ContextType>;
};

export type CreateSystemPayloadResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CreateSystemPayload'] = ResolversParentTypes['CreateSystemPayload']> = {
  system?: Resolver<ResolversTypes['System'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeleteApiPayloadResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['DeleteAPIPayload'] = ResolversParentTypes['DeleteAPIPayload']> = {
  deleted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DeleteComponentPayloadResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['DeleteComponentPayload'] = ResolversParentTypes['DeleteComponentPayload']> = {
  deleted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DeleteDevEnvironmentPayloadResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['DeleteDevEnvironmentPayload'] = ResolversParentTypes['DeleteDevEnvironmentPayload']> = {
  deleted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DeleteDomainPayloadResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['DeleteDomainPayload'] = ResolversParentTypes['DeleteDomainPayload']> = {
  deleted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DeleteResourcePayloadResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['DeleteResourcePayload'] = ResolversParentTypes['DeleteResourcePayload']> = {
  deleted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DeleteSystemPayloadResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['DeleteSystemPayload'] = ResolversParentTypes['DeleteSystemPayload']> = {
  deleted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DevEnvironmentResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['DevEnvironment'] = ResolversParentTypes['DevEnvironment']> = {
  blueprint?: Resolver<ResolversTypes['BlueprintIdentifier'], ParentType, ContextType>;
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
  blueprint?: Resolver<ResolversTypes['BlueprintIdentifier'], ParentType, ContextType>;
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
  blueprint?: Resolver<ResolversTypes['BlueprintIdentifier'], ParentType, ContextType>;
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
  schemaChanges?: Resolver<Array<ResolversTypes['SchemaChange']>, ParentType, ContextType>;
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
  appendRunLog?: Resolver<ResolversTypes['RunLogLine'], ParentType, ContextType, RequireFields<MutationAppendRunLogArgs, 'id' | 'message'>>;
  approveRun?: Resolver<ResolversTypes['ActionRun'], ParentType, ContextType, RequireFields<MutationApproveRunArgs, 'id'>>;
  cancelRun?: Resolver<ResolversTypes['ActionRun'], ParentType, ContextType, RequireFields<MutationCancelRunArgs, 'id'>>;
  createAPI?: Resolver<ResolversTypes['CreateAPIPayload'], ParentType, ContextType, RequireFields<MutationCreateApiArgs, 'input'>>;
  createComponent?: Resolver<ResolversTypes['CreateComponentPayload'], ParentType, ContextType, RequireFields<MutationCreateComponentArgs, 'input'>>;
  createDevEnvironment?: Resolver<ResolversTypes['CreateDevEnvironmentPayload'], ParentType, ContextType, RequireFields<MutationCreateDevEnvironmentArgs, 'input'>>;
  createDomain?: Resolver<ResolversTypes['CreateDomainPayload'], ParentType, ContextType, RequireFields<MutationCreateDomainArgs, 'input'>>;
  createResource?: Resolver<ResolversTypes['CreateResourcePayload'], ParentType, ContextType, RequireFields<MutationCreateResourceArgs, 'input'>>;
  createSystem?: Resolver<ResolversTypes['CreateSystemPayload'], ParentType, ContextType, RequireFields<MutationCreateSystemArgs, 'input'>>;
  declineRun?: Resolver<ResolversTypes['ActionRun'], ParentType, ContextType, RequireFields<MutationDeclineRunArgs, 'id' | 'reason'>>;
  deleteAPI?: Resolver<ResolversTypes['DeleteAPIPayload'], ParentType, ContextType, RequireFields<MutationDeleteApiArgs, 'deleteDependents' | 'identifier'>>;
  deleteComponent?: Resolver<ResolversTypes['DeleteComponentPayload'], ParentType, ContextType, RequireFields<MutationDeleteComponentArgs, 'deleteDependents' | 'identifier'>>;
  deleteDevEnvironment?: Resolver<ResolversTypes['DeleteDevEnvironmentPayload'], ParentType, ContextType, RequireFields<MutationDeleteDevEnvironmentArgs, 'deleteDependents' | 'identifier'>>;
  deleteDomain?: Resolver<ResolversTypes['DeleteDomainPayload'], ParentType, ContextType, RequireFields<MutationDeleteDomainArgs, 'deleteDependents' | 'identifier'>>;
  deleteEntity?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteEntityArgs, 'blueprint' | 'deleteDependents' | 'identifier'>>;
  deleteResource?: Resolver<ResolversTypes['DeleteResourcePayload'], ParentType, ContextType, RequireFields<MutationDeleteResourceArgs, 'deleteDependents' | 'identifier'>>;
  deleteSystem?: Resolver<ResolversTypes['DeleteSystemPayload'], ParentType, ContextType, RequireFields<MutationDeleteSystemArgs, 'deleteDependents' | 'identifier'>>;
  executeAction?: Resolver<ResolversTypes['ActionRun'], ParentType, ContextType, RequireFields<MutationExecuteActionArgs, 'action' | 'dryRun' | 'inputs'>>;
  requestGateWaiver?: Resolver<ResolversTypes['ActionRun'], ParentType, ContextType, RequireFields<MutationRequestGateWaiverArgs, 'action' | 'durationSeconds' | 'entity' | 'reason'>>;
  retryRun?: Resolver<ResolversTypes['ActionRun'], ParentType, ContextType, RequireFields<MutationRetryRunArgs, 'id'>>;
  updateAPI?: Resolver<ResolversTypes['UpdateAPIPayload'], ParentType, ContextType, RequireFields<MutationUpdateApiArgs, 'identifier' | 'patch'>>;
  updateComponent?: Resolver<ResolversTypes['UpdateComponentPayload'], ParentType, ContextType, RequireFields<MutationUpdateComponentArgs, 'identifier' | 'patch'>>;
  updateDevEnvironment?: Resolver<ResolversTypes['UpdateDevEnvironmentPayload'], ParentType, ContextType, RequireFields<MutationUpdateDevEnvironmentArgs, 'identifier' | 'patch'>>;
  updateDomain?: Resolver<ResolversTypes['UpdateDomainPayload'], ParentType, ContextType, RequireFields<MutationUpdateDomainArgs, 'identifier' | 'patch'>>;
  updateResource?: Resolver<ResolversTypes['UpdateResourcePayload'], ParentType, ContextType, RequireFields<MutationUpdateResourceArgs, 'identifier' | 'patch'>>;
  updateRun?: Resolver<ResolversTypes['ActionRun'], ParentType, ContextType, RequireFields<MutationUpdateRunArgs, 'id'>>;
  updateSystem?: Resolver<ResolversTypes['UpdateSystemPayload'], ParentType, ContextType, RequireFields<MutationUpdateSystemArgs, 'identifier' | 'patch'>>;
  upsertEntity?: Resolver<ResolversTypes['Entity'], ParentType, ContextType, RequireFields<MutationUpsertEntityArgs, 'blueprint' | 'identifier' | 'merge'>>;
};

export type NodeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = {
  __resolveType: TypeResolveFn<'API' | 'ActionRun' | 'Component' | 'DevEnvironment' | 'Domain' | 'Resource' | 'System', ParentType, ContextType>;
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
  runs?: Resolver<ResolversTypes['ActionRunConnection'], ParentType, ContextType, RequireFields<QueryRunsArgs, 'orderBy'>>;
  scorecardDefinitions?: Resolver<Array<ResolversTypes['ScorecardDefinition']>, ParentType, ContextType, Partial<QueryScorecardDefinitionsArgs>>;
  search?: Resolver<ResolversTypes['EntityConnection'], ParentType, ContextType, Partial<QuerySearchArgs>>;
  system?: Resolver<Maybe<ResolversTypes['System']>, ParentType, ContextType, RequireFields<QuerySystemArgs, 'identifier'>>;
  systems?: Resolver<ResolversTypes['SystemConnection'], ParentType, ContextType, Partial<QuerySystemsArgs>>;
};

export type RelatedDirectionResolvers = { DOWNSTREAM: 'downstream', UPSTREAM: 'upstream' };

export type RelationOperatorResolvers = { CONTAINS_ANY: 'containsAny', EQUALS: '=', IN: 'in', IS_EMPTY: 'isEmpty', IS_NOT_EMPTY: 'isNotEmpty', NOT_EQUALS: '!=', NOT_IN: 'notIn' };

export type ResourceResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Resource'] = ResolversParentTypes['Resource']> = {
  blueprint?: Resolver<ResolversTypes['BlueprintIdentifier'], ParentType, ContextType>;
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
  decision?: Resolver<ResolversTypes['RunDecision'], ParentType, ContextType>;
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

export type SchemaChangeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['SchemaChange'] = ResolversParentTypes['SchemaChange']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ScorecardDefinitionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ScorecardDefinition'] = ResolversParentTypes['ScorecardDefinition']> = {
  blueprint?: Resolver<ResolversTypes['BlueprintIdentifier'], ParentType, ContextType>;
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

export type SearchCombinatorResolvers = { AND: 'and', OR: 'or' };

export type SearchOperatorResolvers = { BEGINS_WITH: 'beginsWith', BETWEEN: 'between', CONTAINS: 'contains', CONTAINS_ANY: 'containsAny', DOES_NOT_BEGIN_WITH: 'doesNotBeginsWith', DOES_NOT_CONTAIN: 'doesNotContains', DOES_NOT_END_WITH: 'doesNotEndsWith', ENDS_WITH: 'endsWith', EQUALS: '=', GREATER_THAN: '>', GREATER_THAN_OR_EQUAL: '>=', IN: 'in', IS_EMPTY: 'isEmpty', IS_EXPIRED: 'isExpired', IS_NOT_EMPTY: 'isNotEmpty', IS_NOT_EXPIRED: 'isNotExpired', LESS_THAN: '<', LESS_THAN_OR_EQUAL: '<=', NOT_BETWEEN: 'notBetween', NOT_EQUALS: '!=', NOT_IN: 'notIn', lastWeek?: 'lastWeek' };

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
  blueprint?: Resolver<ResolversTypes['BlueprintIdentifier'], ParentType, ContextType>;
  componentsBySystem?: Resolver<ResolversTypes['ComponentConnection'], ParentType, ContextType, Partial<SystemComponentsBySystemArgs>>;
  conflicts?: Resolver<Array<ResolversTypes['SourceConflict']>, ParentType, ContextType>;
  createdAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  domain?: Resolver<ResolversTypes['Domain'], ParentType, ContextType>;
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

export type UpdateApiPayloadResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['UpdateAPIPayload'] = ResolversParentTypes['UpdateAPIPayload']> = {
  api?: Resolver<ResolversTypes['API'], ParentType, ContextType>;
};

export type UpdateComponentPayloadResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['UpdateComponentPayload'] = ResolversParentTypes['UpdateComponentPayload']> = {
  component?: Resolver<ResolversTypes['Component'], ParentType, ContextType>;
};

export type UpdateDevEnvironmentPayloadResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['UpdateDevEnvironmentPayload'] = ResolversParentTypes['UpdateDevEnvironmentPayload']> = {
  devEnvironment?: Resolver<ResolversTypes['DevEnvironment'], ParentType, ContextType>;
};

export type UpdateDomainPayloadResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['UpdateDomainPayload'] = ResolversParentTypes['UpdateDomainPayload']> = {
  domain?: Resolver<ResolversTypes['Domain'], ParentType, ContextType>;
};

export type UpdateResourcePayloadResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['UpdateResourcePayload'] = ResolversParentTypes['UpdateResourcePayload']> = {
  resource?: Resolver<ResolversTypes['Resource'], ParentType, ContextType>;
};

export type UpdateSystemPayloadResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['UpdateSystemPayload'] = ResolversParentTypes['UpdateSystemPayload']> = {
  system?: Resolver<ResolversTypes['System'], ParentType, ContextType>;
};

export type Resolvers<ContextType = RequestContext> = {
  API?: ApiResolvers<ContextType>;
  APIConnection?: ApiConnectionResolvers<ContextType>;
  APIEdge?: ApiEdgeResolvers<ContextType>;
  ActionDefinition?: ActionDefinitionResolvers<ContextType>;
  ActionOperation?: ActionOperationResolvers;
  ActionRun?: ActionRunResolvers<ContextType>;
  ActionRunConnection?: ActionRunConnectionResolvers<ContextType>;
  ActionRunEdge?: ActionRunEdgeResolvers<ContextType>;
  AuditActor?: AuditActorResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditEventConnection?: AuditEventConnectionResolvers<ContextType>;
  Blueprint?: BlueprintResolvers<ContextType>;
  BlueprintIdentifier?: BlueprintIdentifierResolvers;
  BlueprintRelation?: BlueprintRelationResolvers<ContextType>;
  Component?: ComponentResolvers<ContextType>;
  ComponentConnection?: ComponentConnectionResolvers<ContextType>;
  ComponentEdge?: ComponentEdgeResolvers<ContextType>;
  CreateAPIPayload?: CreateApiPayloadResolvers<ContextType>;
  CreateComponentPayload?: CreateComponentPayloadResolvers<ContextType>;
  CreateDevEnvironmentPayload?: CreateDevEnvironmentPayloadResolvers<ContextType>;
  CreateDomainPayload?: CreateDomainPayloadResolvers<ContextType>;
  CreateResourcePayload?: CreateResourcePayloadResolvers<ContextType>;
  CreateSystemPayload?: CreateSystemPayloadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DeleteAPIPayload?: DeleteApiPayloadResolvers<ContextType>;
  DeleteComponentPayload?: DeleteComponentPayloadResolvers<ContextType>;
  DeleteDevEnvironmentPayload?: DeleteDevEnvironmentPayloadResolvers<ContextType>;
  DeleteDomainPayload?: DeleteDomainPayloadResolvers<ContextType>;
  DeleteResourcePayload?: DeleteResourcePayloadResolvers<ContextType>;
  DeleteSystemPayload?: DeleteSystemPayloadResolvers<ContextType>;
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
  RelatedDirection?: RelatedDirectionResolvers;
  RelationOperator?: RelationOperatorResolvers;
  Resource?: ResourceResolvers<ContextType>;
  ResourceConnection?: ResourceConnectionResolvers<ContextType>;
  ResourceEdge?: ResourceEdgeResolvers<ContextType>;
  RunApproval?: RunApprovalResolvers<ContextType>;
  RunAutomation?: RunAutomationResolvers<ContextType>;
  RunLogLine?: RunLogLineResolvers<ContextType>;
  RunWaiver?: RunWaiverResolvers<ContextType>;
  SchemaChange?: SchemaChangeResolvers<ContextType>;
  ScorecardDefinition?: ScorecardDefinitionResolvers<ContextType>;
  ScorecardLevel?: ScorecardLevelResolvers<ContextType>;
  ScorecardResult?: ScorecardResultResolvers<ContextType>;
  ScorecardRuleDefinition?: ScorecardRuleDefinitionResolvers<ContextType>;
  ScorecardRuleResult?: ScorecardRuleResultResolvers<ContextType>;
  SearchCombinator?: SearchCombinatorResolvers;
  SearchOperator?: SearchOperatorResolvers;
  SourceConflict?: SourceConflictResolvers<ContextType>;
  SourceValue?: SourceValueResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  System?: SystemResolvers<ContextType>;
  SystemConnection?: SystemConnectionResolvers<ContextType>;
  SystemEdge?: SystemEdgeResolvers<ContextType>;
  Timer?: TimerResolvers<ContextType>;
  URL?: GraphQLScalarType;
  UpdateAPIPayload?: UpdateApiPayloadResolvers<ContextType>;
  UpdateComponentPayload?: UpdateComponentPayloadResolvers<ContextType>;
  UpdateDevEnvironmentPayload?: UpdateDevEnvironmentPayloadResolvers<ContextType>;
  UpdateDomainPayload?: UpdateDomainPayloadResolvers<ContextType>;
  UpdateResourcePayload?: UpdateResourcePayloadResolvers<ContextType>;
  UpdateSystemPayload?: UpdateSystemPayloadResolvers<ContextType>;
};

