/**
 * loadAutomations: automation files (as text) + the blueprint model + the actions → validated
 * Automations, or every error. Pure, like loadActions: one file holds one automation or an array.
 *
 * Checked: the meta-schema (metaschema.ts); the event's blueprint exists, its property exists
 * and has `format: timer` (timer events), its action exists (run events); every condition
 * expression compiles as jq; the invocation method passes the actions' own rules (templates
 * compile, UPSERT_ENTITY maps to what the blueprint has); no identifier is also an action's.
 * Errors are LatticeErrors (INVALID_AUTOMATION) with the file, line, column and JSON pointer;
 * any error rejects the whole set (the last good one keeps serving).
 */
import { Ajv } from 'ajv';
import type { BlueprintModel } from '../blueprints/model.ts';
import type { ActionSet } from '../actions/model.ts';
import { checkActionRules } from '../actions/rules.ts';
import { toAction } from '../actions/load.ts';
import { compileExpression, type Expression } from '../expressions.ts';
import { parseDuration } from '../duration.ts';
import { definitionsIn, unknownKeys, type SourceFile } from '../files/definitions.ts';
import { toPointer } from '../files/parseDocument.ts';
import { ErrorCodes, LatticeError, LatticeErrors, type ErrorLocation } from '../../errors/index.ts';
import { automationSchema, strictAutomationSchema } from './metaschema.ts';
import { createAutomationSet, ENTITY_EVENTS, type Automation, type AutomationSet, type EventSpec } from './model.ts';

export interface LoadedAutomations {
  readonly automations: AutomationSet;
  readonly warnings: readonly LatticeError[];
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(automationSchema);
const validateStrict = ajv.compile(strictAutomationSchema);

type Raw = Readonly<Record<string, unknown>>;

interface WrittenEvent {
  readonly type: EventSpec['type'];
  readonly blueprintIdentifier?: string;
  readonly propertyIdentifier?: string;
  readonly actionIdentifier?: string;
  readonly before?: string;
}

export function loadAutomations(files: readonly SourceFile[], model: BlueprintModel, actions: ActionSet): LoadedAutomations {
  const errors: LatticeError[] = [];
  const warnings: LatticeError[] = [];
  const automations: Automation[] = [];
  const seen = new Map<string, string>();
  for (const { file, raw, pointer, locate } of definitionsIn(files, errors)) {
    const fail = (at: string, message: string) => errors.push(new LatticeError(ErrorCodes.INVALID_AUTOMATION, message, { location: locate(at) }));
    if (!validate(raw)) {
      for (const e of (validate.errors ?? []).filter((x) => x.keyword !== 'if')) {
        const params = e.params as Record<string, unknown>;
        const missing = e.keyword === 'required' ? toPointer([params.missingProperty as string]) : '';
        const allowed = e.keyword === 'enum' ? `: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` : '';
        fail(`${e.instancePath}${missing}`, `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${allowed}`);
      }
      continue;
    }
    for (const { key, pointer: at } of unknownKeys(validateStrict, raw)) warnings.push(new LatticeError(ErrorCodes.INVALID_AUTOMATION, `unknown key "${key}" is kept but not used`, { location: locate(at) }));
    const object = raw as Raw;
    const id = object.identifier as string;
    const trigger = object.trigger as { event: WrittenEvent; condition?: { expressions: string[]; combinator?: 'and' | 'or' } };
    const before = errors.length;
    const event = eventSpec(trigger.event, model, actions, (at, m) => fail(`/trigger/event${at}`, `automation "${id}": ${m}`));
    const expressions: Expression[] = [];
    (trigger.condition?.expressions ?? []).forEach((source, i) => {
      try {
        expressions.push(compileExpression(source));
      } catch (err) {
        fail(`/trigger/condition/expressions/${i}`, `automation "${id}": ${(err as LatticeError).message}`);
      }
    });
    // The invocation method obeys the actions' rules: the same invokers run it.
    const asAction = { identifier: id, title: object.title, description: object.description, icon: object.icon, trigger: actionTrigger(event), invocationMethod: object.invocationMethod };
    for (const p of checkActionRules(asAction, model)) fail(p.pointer, `automation "${id}": ${p.message}`);
    if (actions.get(id)) fail('/identifier', `automation "${id}" has the identifier of an action (${actions.get(id)?.origin.file}): runs name one or the other`);
    const first = seen.get(id);
    if (first) fail('/identifier', `duplicate automation identifier "${id}", first defined in ${first}`);
    if (errors.length > before || !event) continue;
    seen.set(id, file);
    automations.push({
      identifier: id,
      title: (object.title as string | undefined) ?? id,
      description: object.description as string | undefined,
      event,
      condition: trigger.condition ? { expressions, combinator: trigger.condition.combinator ?? 'and' } : null,
      action: toAction(asAction, { file, pointer, locate: (p: string): ErrorLocation => locate(p) }),
      publish: object.publish !== false,
    });
  }
  if (errors.length > 0) throw new LatticeErrors(errors);
  return { automations: createAutomationSet(automations), warnings };
}

/** The trigger of the Action an automation runs as: on the event's blueprint, with no user inputs. */
function actionTrigger(event: EventSpec | undefined): Raw {
  const blueprintIdentifier = event && 'blueprintIdentifier' in event ? event.blueprintIdentifier : undefined;
  return { type: 'self-service', operation: blueprintIdentifier ? 'DAY-2' : 'CREATE', ...(blueprintIdentifier ? { blueprintIdentifier } : {}), userInputs: { properties: {} } };
}

function eventSpec(e: WrittenEvent, model: BlueprintModel, actions: ActionSet, fail: (pointer: string, message: string) => void): EventSpec | undefined {
  if (e.type === 'RUN_CREATED' || e.type === 'RUN_UPDATED' || e.type === 'ANY_RUN_CHANGE') {
    const action = e.actionIdentifier as string;
    if (!actions.get(action)) {
      fail('/actionIdentifier', `unknown action "${action}"; known: ${actions.actions.map((a) => a.identifier).join(', ') || '(none)'}`);
      return undefined;
    }
    return { type: e.type, actionIdentifier: action };
  }
  const blueprint = model.get(e.blueprintIdentifier as string);
  if (!blueprint) {
    fail('/blueprintIdentifier', `unknown blueprint "${e.blueprintIdentifier}"; known: ${model.blueprints.map((b) => b.identifier).join(', ')}`);
    return undefined;
  }
  if ((ENTITY_EVENTS as readonly string[]).includes(e.type)) return { type: e.type as (typeof ENTITY_EVENTS)[number], blueprintIdentifier: blueprint.identifier };
  const property = e.propertyIdentifier as string;
  if (blueprint.properties[property]?.format !== 'timer') {
    const timers = Object.entries(blueprint.properties).filter(([, p]) => p.format === 'timer').map(([k]) => k);
    fail('/propertyIdentifier', `blueprint "${blueprint.identifier}" has no timer property "${property}"; its timer properties: ${timers.join(', ') || '(none)'}`);
    return undefined;
  }
  if (e.type === 'TIMER_PROPERTY_EXPIRED') return { type: e.type, blueprintIdentifier: blueprint.identifier, propertyIdentifier: property };
  const beforeMs = parseDuration(e.before as string) as number;
  return { type: 'TIMER_PROPERTY_EXPIRING', blueprintIdentifier: blueprint.identifier, propertyIdentifier: property, beforeMs };
}
