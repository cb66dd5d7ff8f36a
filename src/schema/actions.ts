/**
 * printActions: action definitions → their typed mutations. Each action becomes
 * `<action>(input: <Action>Input!, entity: String, idempotencyKey: String, dryRun: Boolean = false): ActionRun!`, its
 * input type generated from `userInputs` (JSON Schema): strings, numbers (Float; Int for JSON
 * Schema's `integer`), booleans, lists, objects as JSON, enums as GraphQL enums whose values keep the
 * written string, entity references as String identifiers; required inputs are non-null.
 *
 * Pure, like the rest of the schema builder: names come from the inflection; the resolver layer
 * reads the returned plan. A name that collides is reported by the schema build.
 */
import type { Action, ActionSet, InputDef } from '../model/actions/model.ts';
import type { Inflection } from './inflection.ts';
import { graphqlLiteral } from './literal.ts';

export interface ActionEnumPlan {
  readonly typeName: string;
  readonly values: readonly { readonly name: string; readonly value: string | number | boolean }[];
}

/** One field of an action's input type: the userInputs key it stands for, and its enum if it has one. */
export interface ActionInputPlan {
  /** The field on the input type ("replicaCount"). */
  readonly name: string;
  /** The userInputs key, as written ("replica_count"): what the engine receives. */
  readonly key: string;
  readonly enum?: ActionEnumPlan;
}

export interface ActionFieldPlan {
  readonly action: Action;
  readonly mutation: string;
  readonly inputType: string;
  /** The input type's fields, in the order of userInputs.properties. */
  readonly inputs: readonly ActionInputPlan[];
  readonly enums: readonly ActionEnumPlan[];
}

export function planActions(actions: ActionSet, inflection: Inflection): ActionFieldPlan[] {
  return actions.actions.map((action) => {
    const inputs = Object.entries(action.trigger.userInputs.properties).map(([key, def]): ActionInputPlan => {
      const values = (def.type === 'array' ? def.items?.enum : def.enum) as (string | number | boolean | null)[] | undefined;
      const name = inflection.fieldName(key);
      if (!values) return { name, key };
      return { name, key, enum: { typeName: inflection.actionInputEnum(action.identifier, key), values: values.filter((v) => v !== null).map((v) => ({ name: inflection.enumValueName(v), value: v as string | number | boolean })) } };
    });
    const enums = inputs.flatMap((i) => (i.enum ? [i.enum] : []));
    return { action, mutation: inflection.actionMutation(action.identifier), inputType: inflection.actionInputType(action.identifier), inputs, enums };
  });
}

function inputTypeRef(def: InputDef, enumName: string | undefined): string {
  if (def.type === 'array') return `[${inputTypeRef(def.items ?? { type: 'object' }, enumName)}!]`;
  if (enumName) return enumName;
  switch (def.type) {
    case 'integer':
      return 'Int';
    case 'number':
      return 'Float';
    case 'boolean':
      return 'Boolean';
    case 'object':
      return 'JSON';
    default:
      return 'String';
  }
}

const doc = (text: string) => JSON.stringify(text);

/** The actions' SDL; every name comes from the plan. (`_inflection` is unused and kept for callers.) */
export function printActions(fields: readonly ActionFieldPlan[], _inflection?: Inflection): string {
  if (fields.length === 0) return '';
  const out: string[] = [];
  for (const f of fields) {
    const { properties, required, order } = f.action.trigger.userInputs;
    const byKey = new Map(f.inputs.map((i) => [i.key, i]));
    const inputs = [...order.flatMap((k) => byKey.get(k) ?? []), ...f.inputs.filter((i) => !order.includes(i.key))];
    for (const e of f.enums) {
      const input = f.inputs.find((i) => i.enum === e)?.key ?? '';
      out.push(`${doc(`The values of input "${input}" of action "${f.action.identifier}".`)}\nenum ${e.typeName} {\n${e.values.map((v) => `  ${doc(`As written: ${JSON.stringify(v.value)}`)}\n  ${v.name}`).join('\n')}\n}`);
    }
    const lines = inputs.map((i) => {
      const def = properties[i.key];
      const literal = def.default === undefined ? undefined : graphqlLiteral(def.default, i.enum);
      const text = def.description ?? `${def.title ? `${def.title}: i` : 'I'}nput "${i.key}" of action "${f.action.identifier}"${required.includes(i.key) ? ' (required)' : ''}.`;
      const described = def.default !== undefined && literal === undefined ? `${text} Default: ${JSON.stringify(def.default)}.` : text;
      return `  ${doc(described)}\n  ${i.name}: ${inputTypeRef(def, i.enum?.typeName)}${required.includes(i.key) ? '!' : ''}${literal === undefined ? '' : ` = ${literal}`}`;
    });
    const what = `The inputs of action "${f.action.identifier}" (its userInputs).`;
    out.push(`${doc(what)}\ninput ${f.inputType} {\n${lines.length ? lines.join('\n') : '  "This action takes no inputs."\n  _: Boolean'}\n}`);
  }
  const mutations = fields.map((f) => {
    const description = doc(`${f.action.title}${f.action.description ? `: ${f.action.description}` : ''} (${f.action.trigger.operation}${f.action.trigger.blueprintIdentifier ? ` on ${f.action.trigger.blueprintIdentifier}` : ''}).`);
    const needsInput = Object.values(f.action.trigger.userInputs.properties).length > 0 && f.action.trigger.userInputs.required.length > 0;
    const args = [
      `${doc("The action's inputs.")} input: ${f.inputType}${needsInput ? '!' : ''}`,
      `${doc(`The identifier of the entity to run on (DAY-2 and DELETE actions${f.action.trigger.blueprintIdentifier ? `: a ${f.action.trigger.blueprintIdentifier}` : ''}).`)} entity: String`,
      `${doc('Makes a retry return the same run; the key reused with other inputs is refused (RUN_CONFLICT).')} idempotencyKey: String`,
      `${doc('Only say what the run would send (the rendered invocation); nothing is run or stored.')} dryRun: Boolean = false`,
    ];
    return `  ${description}\n  ${f.mutation}(${args.join(', ')}): ActionRun!`;
  });
  out.push(`extend type Mutation {\n${mutations.join('\n')}\n}`);
  return out.join('\n\n');
}
