/**
 * Port's dynamic permissions: a `policy` under an action's `permissions.execute` or
 * `permissions.approve`, decided from the catalog when a run is asked for.
 *
 *   "policy": {
 *     "queries": { "same_name": { "combinator": "and", "rules": [
 *       { "property": "$blueprint", "operator": "=", "value": "Component" },
 *       { "property": "$identifier", "operator": "=", "value": "{{ .inputs.name }}" } ] } },
 *     "conditions": [ ".results.same_name.entities | length == 0" ]
 *   }
 *
 * - `queries`: Port's search rules (portRules.ts) over the whole catalog; any string in them may be
 *   a template (`{{ .inputs.name }}`, templates.ts) over `{ inputs, entity, trigger }`. Each gives
 *   `.results.<name>.entities`, the matching entities as Port hands them to jq (meta fields,
 *   `properties`, `relations`), ordered by blueprint then identifier.
 * - `conditions`: jq over `{ action, inputs, entity, trigger, results }`. `trigger.by.user` is the
 *   caller (Lattice's run trigger) and `trigger.user.email` the same, as Port's examples spell it.
 * - execute: the caller may execute when every condition gives exactly `true`. With a policy,
 *   roles, users and teams no longer let anyone execute (Port: they say who sees the action).
 * - approve: every condition gives a list of users (Port: approvers' email addresses); the run's
 *   approvers are their union, fixed when the run is created (approvals.ts reads them as slots).
 *
 * A condition that fails or gives another type denies (execute) or names nobody (approve), and
 * says which condition and what it gave; queries and conditions compile when actions load.
 */
import type { BlueprintModel } from '../blueprints/model.ts';
import { portEntity, type Entity } from '../entities/entity.ts';
import { compileExpression, type Expression } from '../expressions.ts';
import { toPointer } from '../files/parseDocument.ts';
import { candidateBlueprints, checkRuleQuery, evaluateRules, parseRuleQuery, type RuleContext } from '../query/portRules.ts';
import { ruleSyntaxProblems } from '../query/ruleSyntax.ts';
import { compileTemplate, templateProblems, type CompiledTemplate } from './templates.ts';
import type { RuleProblem } from './rules.ts';

export interface Policy {
  readonly queries: readonly { readonly name: string; readonly template: CompiledTemplate }[];
  readonly conditions: readonly Expression[];
  /** Where the policy is in the action (`/permissions/execute/policy`), for messages. */
  readonly pointer: string;
}

/** The catalog a policy reads: the rule language's context and every entity of a blueprint. */
export interface PolicyCatalog extends RuleContext {
  list(blueprint: string): Promise<readonly Entity[]>;
}

export interface PolicyRequest {
  readonly action: { readonly identifier: string; readonly blueprint: string | null };
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly entity: Entity | null;
  /** Who asks and when, as a run's `trigger` will say it. */
  readonly trigger: { readonly by: { readonly user: string; readonly teams: readonly string[]; readonly roles: readonly string[] }; readonly at: string; readonly operation: string };
}

/** A condition that failed to evaluate: it neither allows nor names anyone. */
export class ConditionFailure {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

type Raw = Readonly<Record<string, unknown>>;

/** Every problem of a policy as written (the meta-schema checked its shape), with pointers relative to the action. */
export function policyProblems(raw: Raw, pointer: string, model: BlueprintModel): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const [name, query] of Object.entries(raw.queries as Raw)) {
    const at = `${pointer}/queries${toPointer([name])}`;
    // A query with templates is checked once rendered; one without is checked now, as a search would be.
    if (JSON.stringify(query).includes('{{')) {
      problems.push(...templateProblems(query, at));
      continue;
    }
    const syntax = ruleSyntaxProblems(query);
    for (const p of syntax) problems.push({ pointer: `${at}${p.pointer}`, message: p.message });
    if (syntax.length > 0) continue;
    const parsed = parseRuleQuery(query, 'query');
    for (const p of checkRuleQuery(parsed, model, candidateBlueprints(parsed, model))) problems.push({ pointer: `${at}${p.pointer}`, message: p.message });
  }
  (raw.conditions as string[]).forEach((source, i) => {
    try {
      compileExpression(source);
    } catch (err) {
      problems.push({ pointer: `${pointer}/conditions/${i}`, message: (err as Error).message });
    }
  });
  return problems;
}

/** A policy checked by `policyProblems`, compiled. */
export function compilePolicy(raw: Raw, pointer: string): Policy {
  return {
    queries: Object.entries(raw.queries as Raw).map(([name, query]) => ({ name, template: compileTemplate(query, `${pointer}/queries${toPointer([name])}`) })),
    conditions: (raw.conditions as string[]).map((source) => compileExpression(source)),
    pointer,
  };
}

/** What each condition gives (a ConditionFailure when it failed). */
export async function evaluatePolicy(policy: Policy, request: PolicyRequest, catalog: PolicyCatalog): Promise<unknown[]> {
  const trigger = { ...request.trigger, user: { email: request.trigger.by.user } };
  const templateContext = { inputs: request.inputs, entity: request.entity, trigger, run: null, secrets: {} };
  const results: Record<string, { entities: unknown[] }> = {};
  for (const { name, template } of policy.queries) {
    const query = parseRuleQuery(await template.render(templateContext), `${policy.pointer}/queries/${name}`);
    const lists = await Promise.all(candidateBlueprints(query, catalog.model).map((b) => catalog.list(b)));
    const entities = lists.flat();
    const mask = await evaluateRules(query, entities, catalog);
    results[name] = { entities: entities.filter((_, i) => mask[i]).map(portEntity) };
  }
  const input = { action: request.action, inputs: request.inputs, entity: request.entity && portEntity(request.entity), trigger, results };
  return policy.conditions.map((c) => {
    try {
      return c.evaluate(input);
    } catch (err) {
      return new ConditionFailure((err as Error).message);
    }
  });
}

/** Execute: why the caller may not, or undefined when every condition gave `true`. */
export function executeDenial(policy: Policy, values: readonly unknown[]): string | undefined {
  const i = values.findIndex((v) => v !== true);
  if (i < 0) return undefined;
  return `the condition at ${policy.pointer}/conditions/${i} gave ${describe(values[i])}, not true`;
}

/** Approve: the users the conditions name (their union, in order), and the problems of those that named none. */
export function policyApprovers(policy: Policy, values: readonly unknown[]): { approvers: string[]; problems: string[] } {
  const approvers = new Set<string>();
  const problems: string[] = [];
  values.forEach((v, i) => {
    if (Array.isArray(v) && v.every((u) => typeof u === 'string')) for (const u of v) approvers.add(u);
    else problems.push(`the condition at ${policy.pointer}/conditions/${i} gave ${describe(v)}, not a list of users`);
  });
  return { approvers: [...approvers], problems };
}

function describe(v: unknown): string {
  if (v instanceof ConditionFailure) return `an error (${v.message})`;
  const text = JSON.stringify(v) ?? 'nothing';
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
