/**
 * The action model: Port's self-service action format as typed, validated data.
 *
 * An Action is what the file said, with defaults filled in (`requiredApproval: true` becomes
 * `{ type: 'ANY' }`, absent permissions become the defaults below), the file's own value kept in
 * `raw`, and where it came from so later stages can point errors back into the file.
 *
 * Lattice extensions to Port's format (documented in README.md): the KUBERNETES invocation
 * method, `requiredApproval.allowSelfApproval`, `permissions` (with `viewRuns`) written in
 * the action file itself (Port keeps permissions apart from the action), and `gates`.
 */
import type { ErrorLocation } from '../../errors/index.ts';
import type { RuleQuery } from '../query/portRules.ts';
import type { TimerPolicy } from './timerPolicy.ts';
import type { ActionGate } from '../scorecards/gates.ts';
import type { Policy } from './policy.ts';

export const OPERATIONS = ['CREATE', 'DAY-2', 'DELETE'] as const;
export type Operation = (typeof OPERATIONS)[number];

export const INVOCATION_TYPES = ['WEBHOOK', 'GITHUB', 'KUBERNETES', 'UPSERT_ENTITY'] as const;
export type InvocationType = (typeof INVOCATION_TYPES)[number];

/**
 * One user input: a JSON Schema, plus Port's keys (`format: entity` with `blueprint`, `encryption`…).
 * `integer` is JSON Schema's, which Port's inputs do not offer: an input integral by definition
 * (replicas, a pull request's number) is an `Int` in the typed mutation, a Port `number` a `Float`.
 */
export interface InputDef {
  readonly type: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';
  readonly title?: string;
  readonly description?: string;
  readonly format?: string;
  /** With `format: entity`: the blueprint whose entity identifiers the input takes. */
  readonly blueprint?: string;
  readonly enum?: readonly unknown[];
  readonly default?: unknown;
  /** Port's secret inputs (`"encryption": "aes256-gcm"`): masked in the stored run. */
  readonly encryption?: string;
  readonly items?: InputDef;
  readonly [extra: string]: unknown;
}

export interface UserInputs {
  readonly properties: Readonly<Record<string, InputDef>>;
  readonly required: readonly string[];
  readonly order: readonly string[];
}

export interface SelfServiceTrigger {
  readonly type: 'self-service';
  readonly operation: Operation;
  /** DAY-2 and DELETE actions run on an entity of this blueprint; without one, on no entity (as CREATE). */
  readonly blueprintIdentifier?: string;
  readonly userInputs: UserInputs;
  /** Port's rule language: the action applies only to entities matching it. */
  readonly condition?: RuleQuery;
}

export interface WebhookMethod {
  readonly type: 'WEBHOOK';
  readonly url: string;
  readonly agent: boolean;
  readonly synchronized: boolean;
  readonly method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly headers: Readonly<Record<string, string>>;
  /** Absent: the default body (see templates.ts, `defaultWebhookBody`). */
  readonly body?: unknown;
}

export interface GithubMethod {
  readonly type: 'GITHUB';
  readonly org: string;
  readonly repo: string;
  readonly workflow: string;
  /** At most 10, as GitHub's workflow_dispatch allows. */
  readonly workflowInputs?: Readonly<Record<string, unknown>>;
  readonly reportWorkflowStatus: boolean;
  readonly ref?: string;
}

export interface KubernetesResourceRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** Lattice's own method: scale a workload, patch a resource, create a Job from a template, apply objects, or delete one. */
export type KubernetesMethod =
  | { readonly type: 'KUBERNETES'; readonly cluster?: string; readonly operation: 'scale'; readonly resource: KubernetesResourceRef; readonly replicas: unknown }
  | {
      readonly type: 'KUBERNETES';
      readonly cluster?: string;
      readonly operation: 'patch';
      readonly resource: KubernetesResourceRef;
      readonly patchType: 'merge' | 'strategic' | 'json';
      readonly patch: unknown;
    }
  | { readonly type: 'KUBERNETES'; readonly cluster?: string; readonly operation: 'createJob'; readonly namespace: string; readonly job: unknown }
  /** Creates each object, in order (a namespace before what goes in it); one that exists is merge-patched. */
  | { readonly type: 'KUBERNETES'; readonly cluster?: string; readonly operation: 'apply'; readonly objects: readonly unknown[] }
  /** Deletes one object (a namespace takes what is in it along). */
  | { readonly type: 'KUBERNETES'; readonly cluster?: string; readonly operation: 'delete'; readonly resource: KubernetesResourceRef };

export interface EntityMapping {
  readonly identifier: string;
  readonly title?: string;
  readonly icon?: string;
  readonly team?: unknown;
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly relations?: Readonly<Record<string, unknown>>;
}

export interface UpsertEntityMethod {
  readonly type: 'UPSERT_ENTITY';
  readonly blueprintIdentifier: string;
  readonly mapping: EntityMapping;
}

export type InvocationMethod = WebhookMethod | GithubMethod | KubernetesMethod | UpsertEntityMethod;

export type ApprovalType = 'ANY' | 'ALL';

export interface RequiredApproval {
  readonly type: ApprovalType;
  /** Lattice extension: may the run's creator approve it? Default false. */
  readonly allowSelfApproval: boolean;
}

/** Who may do something: any caller matching any of the lists (Port's permission shape). */
export interface PermissionRule {
  readonly roles: readonly string[];
  readonly users: readonly string[];
  readonly teams: readonly string[];
  /** Members of a team that owns the entity the run is on. */
  readonly ownedByTeam: boolean;
  /** Port's dynamic permissions (policy.ts): when set, it alone decides who may execute or approve. */
  readonly policy: Policy | null;
}

export interface ActionPermissions {
  /** null: every authenticated caller may execute (Port's default, "everyone in the organization"). */
  readonly execute: PermissionRule | null;
  /** Who may approve or decline; default: the `Admin` role. */
  readonly approve: PermissionRule;
  /** `involved` (default): creator, approvers and admins see a run; `everyone`: any caller. */
  readonly viewRuns: 'involved' | 'everyone';
}

export interface Action {
  readonly identifier: string;
  readonly title: string;
  readonly description?: string;
  readonly icon?: string;
  readonly trigger: SelfServiceTrigger;
  readonly invocationMethod: InvocationMethod;
  /** null: runs start IN_PROGRESS with no approval. */
  readonly requiredApproval: RequiredApproval | null;
  /** Kept as written; Lattice does not send approval notifications yet. */
  readonly approvalNotification?: Readonly<Record<string, unknown>>;
  readonly permissions: ActionPermissions;
  /** Lattice: a DAY-2 action that extends the entity's timer within caps (timerPolicy.ts). */
  readonly timerPolicy?: TimerPolicy;
  /** Scorecard levels the entity must have: the `gates` block and the condition's top-level scorecard rules (src/model/scorecards/gates.ts). */
  readonly gates: readonly ActionGate[];
  /** The action as written, unknown keys included. */
  readonly raw: Readonly<Record<string, unknown>>;
  readonly origin: ActionOrigin;
}

export interface ActionOrigin {
  readonly file: string;
  /** The action's own pointer inside the file ("" for a file holding one action). */
  readonly pointer: string;
  locate(pointer: string): ErrorLocation;
}

/** All actions, in a stable order (by identifier). */
export interface ActionSet {
  readonly actions: readonly Action[];
  get(identifier: string): Action | undefined;
}

export const ADMIN_ROLE = 'Admin';

export const DEFAULT_APPROVE: PermissionRule = Object.freeze({ roles: Object.freeze([ADMIN_ROLE]), users: Object.freeze([]), teams: Object.freeze([]), ownedByTeam: false, policy: null });

export function createActionSet(actions: readonly Action[]): ActionSet {
  const sorted = [...actions].sort((a, b) => (a.identifier < b.identifier ? -1 : a.identifier > b.identifier ? 1 : 0));
  const byId = new Map(sorted.map((a) => [a.identifier, a]));
  return { actions: sorted, get: (id) => byId.get(id) };
}
