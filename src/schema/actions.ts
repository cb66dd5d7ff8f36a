/**
 * printActions: action definitions → their typed mutations. Each action becomes
 * `<action>(input: <Action>Input!, entity: String, idempotencyKey: String): ActionRun!`, its
 * input type generated from `userInputs` (JSON Schema): strings, numbers (Float, or Int for
 * `integer`), booleans, lists, objects as JSON, enums as GraphQL enums whose values keep the
 * written string, entity references as String identifiers; required inputs are non-null.
 *
 * Pure, like the rest of the schema builder: names come from the inflection; the resolver layer
 * reads the returned plan. A name that collides is reported by the schema build.
 */
import type { Action, ActionSet, InputDef } from '../model/actions/model.ts';
import type { Inflection } from './inflection.ts';

export interface ActionEnumPlan {
  readonly typeName: string;
  readonly values: readonly { readonly name: string; readonly value: string | number | boolean }[];
}

export interface ActionFieldPlan {
  readonly action: Action;
  readonly mutation: string;
  readonly inputType: string;
  readonly enums: readonly ActionEnumPlan[];
}

export function planActions(actions: ActionSet, inflection: Inflection): ActionFieldPlan[] {
  return actions.actions.map((action) => {
    const enums: ActionEnumPlan[] = [];
    for (const [key, def] of Object.entries(action.trigger.userInputs.properties)) {
      const values = (def.type === 'array' ? def.items?.enum : def.enum) as (string | number | boolean | null)[] | undefined;
      if (values) enums.push({ typeName: inflection.actionInputEnum(action.identifier, key), values: values.filter((v) => v !== null).map((v) => ({ name: inflection.enumValueName(v), value: v as string | number | boolean })) });
    }
    return { action, mutation: inflection.actionMutation(action.identifier), inputType: inflection.actionInputType(action.identifier), enums };
  });
}

function inputTypeRef(def: InputDef, enumName: string | undefined): string {
  if (def.type === 'array') return `[${inputTypeRef(def.items ?? { type: 'object' }, enumName)}!]`;
  if (enumName) return enumName;
  switch (def.type) {
    case 'number':
      return (def as { type: string }).type === 'integer' ? 'Int' : 'Float';
    case 'boolean':
      return 'Boolean';
    case 'object':
      return 'JSON';
    default:
      return 'String';
  }
}

export function printActions(fields: readonly ActionFieldPlan[], inflection: Inflection): string {
  if (fields.length === 0) return '';
  const out: string[] = [];
  for (const f of fields) {
    const { properties, required, order } = f.action.trigger.userInputs;
    const keys = [...order, ...Object.keys(properties).filter((k) => !order.includes(k))];
    for (const e of f.enums) out.push(`enum ${e.typeName} {\n${e.values.map((v) => `  ${JSON.stringify(`As written: ${JSON.stringify(v.value)}`)}\n  ${v.name}`).join('\n')}\n}`);
    const lines = keys.map((k) => {
      const def = properties[k];
      const enumName = f.enums.find((e) => e.typeName === inflection.actionInputEnum(f.action.identifier, k))?.typeName;
      const doc = def.description ?? def.title;
      return `${doc ? `  ${JSON.stringify(doc)}\n` : ''}  ${inflection.fieldName(k)}: ${inputTypeRef(def, enumName)}${required.includes(k) ? '!' : ''}`;
    });
    out.push(`input ${f.inputType} {\n${lines.length ? lines.join('\n') : '  "This action takes no inputs."\n  _: Boolean'}\n}`);
  }
  const mutations = fields.map((f) => {
    const doc = JSON.stringify(`${f.action.title}${f.action.description ? `: ${f.action.description}` : ''} (${f.action.trigger.operation}${f.action.trigger.blueprintIdentifier ? ` on ${f.action.trigger.blueprintIdentifier}` : ''}).`);
    const needsInput = Object.values(f.action.trigger.userInputs.properties).length > 0 && f.action.trigger.userInputs.required.length > 0;
    return `  ${doc}\n  ${f.mutation}(input: ${f.inputType}${needsInput ? '!' : ''}, entity: String, idempotencyKey: String): ActionRun!`;
  });
  out.push(`extend type Mutation {\n${mutations.join('\n')}\n}`);
  return out.join('\n\n');
}
