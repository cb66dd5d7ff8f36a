/**
 * loadActions: action files (as text) + the blueprint model → validated Actions, or every error.
 *
 * Pure, like loadBlueprints: takes file names and contents, does no I/O. A file holds one action
 * or an array of them, in JSON or YAML. Each is checked against the meta-schema (metaschema.ts),
 * then against the rules (rules.ts). Every error is a LatticeError (INVALID_ACTION) with the file,
 * line, column and JSON pointer; unknown keys come back as warnings and are kept in `raw`.
 * Loading never half-applies: any error throws LatticeErrors listing them all.
 */
import { Ajv, type ErrorObject } from 'ajv';
import type { BlueprintModel } from '../blueprints/model.ts';
import { ErrorCodes, LatticeError, LatticeErrors, type ErrorLocation } from '../../errors/index.ts';
import { definitionsIn, unknownKeys, type SourceFile } from '../files/definitions.ts';
import { toPointer } from '../files/parseDocument.ts';
import type { RuleQuery } from '../query/portRules.ts';
import type { KnownScorecards } from '../query/ruleCheck.ts';
import { isGroup, isScorecardRule } from '../query/ruleSyntax.ts';
import type { ActionGate } from '../scorecards/gates.ts';
import { actionSchema, strictActionSchema } from './metaschema.ts';
import {
  createActionSet,
  DEFAULT_APPROVE,
  type Action,
  type ActionOrigin,
  type ActionPermissions,
  type ActionSet,
  type InvocationMethod,
  type Operation,
  type PermissionRule,
  type RequiredApproval,
} from './model.ts';
import { compilePolicy } from './policy.ts';
import { checkActionRules, normaliseUserInputs } from './rules.ts';
import type { TimerPolicy } from './timerPolicy.ts';
import { parseDuration } from '../duration.ts';

/** An action file's name and text. */
export type ActionFile = SourceFile;

export interface LoadedActions {
  readonly actions: ActionSet;
  readonly warnings: readonly LatticeError[];
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(actionSchema);
const validateStrict = ajv.compile(strictActionSchema);

/** Throws LatticeErrors listing every problem; never returns a half-valid set. `scorecards`: what gates may name. */
export function loadActions(files: readonly ActionFile[], model: BlueprintModel, scorecards?: KnownScorecards): LoadedActions {
  const errors: LatticeError[] = [];
  const warnings: LatticeError[] = [];
  const actions: Action[] = [];
  const seen = new Map<string, Action>();

  for (const { file, raw, pointer, locate } of definitionsIn(files, errors, { list: 'actions', one: 'action', code: ErrorCodes.INVALID_ACTION })) {
    if (!validate(raw)) {
      for (const e of relevant(validate.errors ?? [])) errors.push(schemaError(e, locate));
      continue;
    }
    for (const { key, pointer: at } of unknownKeys(validateStrict, raw)) {
      warnings.push(new LatticeError(ErrorCodes.INVALID_ACTION, `unknown key "${key}" is kept but not used`, { location: locate(at) }));
    }
    const object = raw as Record<string, unknown>;
    const problems = checkActionRules(object, model, scorecards);
    if (problems.length > 0) {
      for (const p of problems) errors.push(new LatticeError(ErrorCodes.INVALID_ACTION, `action "${object.identifier}": ${p.message}`, { location: locate(p.pointer) }));
      continue;
    }
    const action = toAction(object, { file, pointer, locate });
    const previous = seen.get(action.identifier);
    if (previous) {
      errors.push(
        new LatticeError(ErrorCodes.INVALID_ACTION, `duplicate action identifier "${action.identifier}", first defined in ${previous.origin.file}`, { location: locate('/identifier') }),
      );
      continue;
    }
    seen.set(action.identifier, action);
    actions.push(action);
  }
  if (errors.length > 0) throw new LatticeErrors(errors);
  return { actions: createActionSet(actions), warnings };
}

/** `if`/`then` and `anyOf` report their own failure next to the real one: keep the real one. */
function relevant(errors: readonly ErrorObject[]): ErrorObject[] {
  const real = errors.filter((e) => e.keyword !== 'if');
  const anyOfAt = new Set(real.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  return real.filter((e) => {
    if (e.keyword === 'anyOf') return true;
    // Errors of anyOf branches at the same path repeat the anyOf failure with less sense.
    return !(anyOfAt.has(e.instancePath) && e.schemaPath.includes('/anyOf/'));
  });
}

function schemaError(e: ErrorObject, locate: (p: string) => ErrorLocation): LatticeError {
  let message = e.message ?? 'is invalid';
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'enum') message += `: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (e.keyword === 'const') message += `: ${JSON.stringify(params.allowedValue)}`;
  if (e.keyword === 'anyOf' && e.instancePath === '/requiredApproval') message = 'must be true, false, or { "type": "ANY" | "ALL" }';
  const missing = e.keyword === 'required' ? toPointer([params.missingProperty as string]) : '';
  const where = e.instancePath || '/';
  return new LatticeError(ErrorCodes.INVALID_ACTION, `${where} ${message}`, { location: locate(`${e.instancePath}${missing}`) });
}

type Raw = Readonly<Record<string, unknown>>;

/** The keys of an action that toAction reads, as written once the meta-schema and the rules have checked them. */
interface WrittenAction {
  readonly identifier: string;
  readonly title?: string;
  readonly description?: string;
  readonly icon?: string;
  readonly trigger: { readonly operation: Operation; readonly blueprintIdentifier?: string; readonly userInputs: Raw; readonly condition?: Raw };
  readonly invocationMethod: Raw & { readonly type: string };
  readonly requiredApproval?: unknown;
  readonly approvalNotification?: Raw;
  readonly permissions?: WrittenPermissions;
  readonly timerPolicy?: { property: string; extendBy: string; maxExtensions?: number; maxLifetime?: string; extensionsProperty?: string; startProperty?: string; overCap?: 'approval' | 'refuse' };
  readonly gates?: readonly { readonly scorecard: string; readonly level: string; readonly if?: string }[];
}

type WrittenRule = Partial<Omit<PermissionRule, 'policy'>> & { readonly policy?: Raw };

interface WrittenPermissions {
  readonly execute?: WrittenRule;
  readonly approve?: WrittenRule;
  readonly viewRuns?: ActionPermissions['viewRuns'];
}

export function toAction(object: Raw, origin: ActionOrigin): Action {
  const raw = object as unknown as WrittenAction;
  const trigger = raw.trigger;
  const written = trigger.condition ? (({ type: _type, ...q }) => q as unknown as RuleQuery)(trigger.condition) : undefined;
  const { condition, gates } = splitGates(written, raw.gates ?? []);
  return {
    identifier: raw.identifier,
    title: raw.title ?? raw.identifier,
    description: raw.description,
    icon: raw.icon,
    trigger: {
      type: 'self-service',
      operation: trigger.operation,
      blueprintIdentifier: trigger.blueprintIdentifier,
      userInputs: normaliseUserInputs(trigger.userInputs),
      ...(condition ? { condition } : {}),
    },
    invocationMethod: withDefaults(raw.invocationMethod),
    requiredApproval: requiredApproval(raw.requiredApproval),
    approvalNotification: raw.approvalNotification,
    permissions: permissions(raw.permissions),
    ...(raw.timerPolicy ? { timerPolicy: timerPolicy(raw.timerPolicy) } : {}),
    gates,
    raw: object,
    origin,
  };
}

/**
 * The gates of an action: its `gates` block (a minimum level each), then the scorecard rules at the
 * top level of an `and` condition (or a condition of one rule), which leave the condition.
 */
function splitGates(condition: RuleQuery | undefined, block: NonNullable<WrittenAction['gates']>): { condition?: RuleQuery; gates: ActionGate[] } {
  const gates: ActionGate[] = block.map((g, i) => ({ scorecard: g.scorecard, operator: '>=', value: g.level, ...(g.if ? { if: g.if } : {}), pointer: `/gates/${i}` }));
  if (!condition || (condition.combinator !== 'and' && condition.rules.length !== 1)) return { condition, gates };
  const kept: RuleQuery['rules'][number][] = [];
  condition.rules.forEach((r, i) => {
    if (!isGroup(r) && isScorecardRule(r)) gates.push({ scorecard: r.scorecard, operator: r.operator, value: r.value, pointer: `/trigger/condition/rules/${i}` });
    else kept.push(r);
  });
  return { ...(kept.length > 0 ? { condition: { combinator: condition.combinator, rules: kept } } : {}), gates };
}

function withDefaults(method: WrittenAction['invocationMethod']): InvocationMethod {
  switch (method.type) {
    case 'WEBHOOK':
      return { agent: false, synchronized: false, method: 'POST', headers: {}, ...method } as InvocationMethod;
    case 'GITHUB':
      return { reportWorkflowStatus: true, ...method } as InvocationMethod;
    default:
      return method as InvocationMethod;
  }
}

function timerPolicy(p: NonNullable<WrittenAction['timerPolicy']>): TimerPolicy {
  return {
    property: p.property,
    extendByMs: parseDuration(p.extendBy) as number,
    ...(p.maxExtensions !== undefined ? { maxExtensions: p.maxExtensions } : {}),
    ...(p.maxLifetime !== undefined ? { maxLifetimeMs: parseDuration(p.maxLifetime) as number } : {}),
    ...(p.extensionsProperty !== undefined ? { extensionsProperty: p.extensionsProperty } : {}),
    ...(p.startProperty !== undefined ? { startProperty: p.startProperty } : {}),
    overCap: p.overCap ?? 'approval',
  };
}

function requiredApproval(value: unknown): RequiredApproval | null {
  if (value === true) return { type: 'ANY', allowSelfApproval: false };
  if (!value || typeof value !== 'object') return null;
  const v = value as { type: 'ANY' | 'ALL'; allowSelfApproval?: boolean };
  return { type: v.type, allowSelfApproval: v.allowSelfApproval === true };
}

function permissions(raw: WrittenPermissions | undefined): ActionPermissions {
  const rule = (r: WrittenRule, kind: string): PermissionRule => ({
    roles: r.roles ?? [],
    users: r.users ?? [],
    teams: r.teams ?? [],
    ownedByTeam: r.ownedByTeam === true,
    policy: r.policy ? compilePolicy(r.policy, `/permissions/${kind}/policy`) : null,
  });
  return {
    execute: raw?.execute ? rule(raw.execute, 'execute') : null,
    approve: raw?.approve ? rule(raw.approve, 'approve') : DEFAULT_APPROVE,
    viewRuns: raw?.viewRuns ?? 'involved',
  };
}
