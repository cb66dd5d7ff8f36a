/**
 * The rules of an action definition that a JSON Schema cannot say, checked against the blueprint
 * model: blueprints named by the trigger, entity inputs and UPSERT_ENTITY exist; a DAY-2 or DELETE
 * action that names no blueprint runs on no entity, as Port allows ("actions do not have to be tied
 * directly to a blueprint", Port's API reference), so what needs the entity (a condition, gates,
 * `ownedByTeam`, a timer policy) is refused on it; every user input is a valid JSON Schema; the condition is Port's
 * rule language; every template compiles as jq; mapped properties and relations exist on
 * the target blueprint; permissions use no feature Lattice would silently ignore, and their
 * dynamic policies' queries and conditions compile (policy.ts).
 *
 * Takes the action as validated by the meta-schema (raw JSON) and returns every problem found
 * as a pointer relative to the action plus a message; load.ts turns them into located errors.
 */
import type { BlueprintModel } from '../blueprints/model.ts';
import type { LatticeError } from '../../errors/index.ts';
import { toPointer } from '../files/parseDocument.ts';
import { checkRuleQuery, parseRuleQuery } from '../query/portRules.ts';
import type { KnownScorecards } from '../query/ruleCheck.ts';
import { compileExpression } from '../expressions.ts';
import { entityBlueprint, inputSchemaProblems } from './inputs.ts';
import type { InputDef, UserInputs } from './model.ts';
import { policyProblems } from './policy.ts';
import { templateProblems } from './templates.ts';

export interface RuleProblem {
  readonly pointer: string;
  readonly message: string;
}

/** A definition as written; the meta-schema has checked its shape. */
type Raw = Readonly<Record<string, unknown>>;

/** `scorecards`: what conditions' scorecard rules and `gates` may name (none: they are problems). */
export function checkActionRules(raw: Raw, model: BlueprintModel, scorecards?: KnownScorecards): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const fail = (pointer: string, message: string) => problems.push({ pointer, message });
  const known = () => model.blueprints.map((b) => b.identifier).join(', ');
  const trigger = raw.trigger as Raw;
  const operation = trigger.operation as string;
  const blueprint = trigger.blueprintIdentifier as string | undefined;
  // A DAY-2 or DELETE action runs on an entity of its blueprint; one that names no blueprint runs on none.
  const onEntity = (operation === 'DAY-2' || operation === 'DELETE') && blueprint !== undefined;
  const runsOnNone = operation !== 'CREATE' && blueprint === undefined ? `a ${operation} action that names no "blueprintIdentifier" runs on none` : `a ${operation} action runs on none`;

  if (blueprint !== undefined && !model.get(blueprint)) fail('/trigger/blueprintIdentifier', `unknown blueprint "${blueprint}"; known: ${known()}`);

  const userInputs = normaliseUserInputs(trigger.userInputs as Raw);
  problems.push(...inputSchemaProblems(userInputs, '/trigger/userInputs'));
  for (const [key, def] of Object.entries(userInputs.properties)) {
    const target = entityBlueprint(def);
    if (target !== undefined && !model.get(target)) {
      const at = def.type === 'array' && def.items?.blueprint ? '/items/blueprint' : '/blueprint';
      fail(`/trigger/userInputs/properties${toPointer([key])}${at}`, `input "${key}" refers to unknown blueprint "${target}"; known: ${known()}`);
    }
  }

  if (trigger.condition !== undefined) {
    if (!onEntity) fail('/trigger/condition', `a condition selects entities; ${runsOnNone}`);
    const { type: _type, ...query } = trigger.condition as Raw;
    try {
      const parsed = parseRuleQuery(query, 'condition');
      // Over the entities of the action's blueprint: an unknown property is a load error, not an action shown nowhere.
      if (blueprint !== undefined && model.get(blueprint)) {
        for (const p of checkRuleQuery(parsed, model, [blueprint], scorecards)) fail(`/trigger/condition${p.pointer}`, `invalid condition at ${p.pointer}: ${p.message}`);
      }
    } catch (err) {
      const e = err as LatticeError;
      fail(`/trigger/condition${(e.details.pointer as string | undefined) ?? ''}`, e.message);
    }
  }

  ((raw.gates ?? []) as Raw[]).forEach((gate, i) => {
    const at = `/gates/${i}`;
    if (!onEntity) return fail(at, `a gate requires a scorecard level of the entity a run is on; ${runsOnNone}`);
    const levels = blueprint === undefined ? undefined : scorecards?.levelsOf(blueprint, gate.scorecard as string);
    if (!levels) fail(`${at}/scorecard`, `blueprint "${blueprint}" has no scorecard "${String(gate.scorecard)}"`);
    else if (!levels.includes(gate.level as string)) fail(`${at}/level`, `scorecard "${String(gate.scorecard)}" has no level "${String(gate.level)}"; expected one of ${levels.join(', ')}`);
    if (typeof gate.if === 'string') {
      try {
        compileExpression(gate.if);
      } catch (err) {
        fail(`${at}/if`, (err as Error).message);
      }
    }
  });

  const method = raw.invocationMethod as Raw;
  const { type: methodType, ...templated } = method;
  problems.push(...templateProblems(templated, '/invocationMethod'));

  if (methodType === 'UPSERT_ENTITY') {
    const target = model.get(method.blueprintIdentifier as string);
    if (!target) {
      fail('/invocationMethod/blueprintIdentifier', `unknown blueprint "${method.blueprintIdentifier}"; known: ${known()}`);
    } else {
      const mapping = method.mapping as Raw;
      for (const key of Object.keys((mapping.properties ?? {}) as Raw)) {
        if (!key.includes('{{') && !(key in target.properties)) fail(`/invocationMethod/mapping/properties${toPointer([key])}`, `blueprint "${target.identifier}" has no property "${key}"`);
      }
      for (const key of Object.keys((mapping.relations ?? {}) as Raw)) {
        if (!key.includes('{{') && !(key in target.relations)) fail(`/invocationMethod/mapping/relations${toPointer([key])}`, `blueprint "${target.identifier}" has no relation "${key}"`);
      }
    }
  }

  for (const kind of ['execute', 'approve'] as const) {
    const rule = (raw.permissions as Raw | undefined)?.[kind] as Raw | undefined;
    if (rule?.policy !== undefined) problems.push(...policyProblems(rule.policy as Raw, `/permissions/${kind}/policy`, model));
    if (rule?.ownedByTeam === true && !onEntity) fail(`/permissions/${kind}/ownedByTeam`, `"ownedByTeam" needs the entity a run is on; ${runsOnNone}`);
  }

  const policy = raw.timerPolicy as Raw | undefined;
  if (policy) {
    const bp = blueprint !== undefined ? model.get(blueprint) : undefined;
    if (operation !== 'DAY-2') fail('/timerPolicy', `a timer policy extends the timer of the entity a run is on: only DAY-2 actions have one, not ${operation}`);
    else if (blueprint === undefined) fail('/timerPolicy', `a timer policy extends the timer of the entity a run is on; ${runsOnNone}`);
    else if (bp) {
      const want = (key: string, check: (format: string | undefined, type: string) => boolean, what: string) => {
        const name = policy[key] as string | undefined;
        const def = name === undefined ? undefined : bp.properties[name];
        if (name !== undefined && (!def || !check(def.format, def.type))) fail(`/timerPolicy/${key}`, `blueprint "${bp.identifier}" has no ${what} property "${name}"`);
      };
      want('property', (f) => f === 'timer', 'timer');
      want('extensionsProperty', (_f, t) => t === 'number', 'number');
      want('startProperty', (f) => f === 'date-time' || f === 'timer', 'date-time');
    }
  }

  const notification = raw.approvalNotification as Raw | undefined;
  if (notification?.type === 'webhook' && typeof notification.url !== 'string') {
    fail('/approvalNotification', 'a webhook approval notification needs a "url"');
  }
  return problems;
}

export function normaliseUserInputs(raw: Raw): UserInputs {
  return {
    properties: (raw.properties ?? {}) as Record<string, InputDef>,
    required: (raw.required ?? []) as string[],
    order: (raw.order ?? []) as string[],
  };
}
