/**
 * The typed writes of a blueprint's type: `create<Type>(input: Create<Type>Input!)`,
 * `update<Type>(identifier, patch: <Type>Patch!)` and `delete<Type>(identifier, deleteDependents)`,
 * each with a payload type. Their inputs are the type's properties and relations, typed as the
 * outputs are (the same enums, DateTime for dates and timers, `LabeledURLInput`), relations and
 * entity references as identifiers. `planWrites` is plain data (the resolvers look up
 * `WritePlan.fields` to turn input fields back into Port's keys); `printWrites` prints it.
 *
 * In typed positions an enum has one spelling, its GraphQL name (`SERVICE`); the JSON positions
 * (`upsertEntity(properties:)`, `properties`, `search(query:)`) keep the value as written.
 */
import type { Blueprint } from '../model/blueprints/model.ts';
import { doc } from './describe.ts';
import type { Inflection, WriteVerb } from './inflection.ts';
import { graphqlLiteral, LITERAL_TYPES } from './literal.ts';
import type { EnumPlan, FieldPlan } from './plan.ts';

/** One input field of a create input or patch, and the Port key it writes. */
export interface WriteFieldPlan {
  readonly name: string;
  readonly key: string;
  readonly kind: 'property' | 'relation';
  /** The GraphQL input type, without the `!` of a required create field. */
  readonly inputType: string;
  /** Non-null in the create input: required by the blueprint and without a default. */
  readonly required: boolean;
  readonly default?: unknown;
  readonly enum?: EnumPlan;
  /** The value is a DateTime (a date-time or timer property): written as an ISO-8601 string. */
  readonly dateTime: boolean;
  readonly description: string;
}

export interface WritePlan {
  readonly mutations: Readonly<Record<WriteVerb, string>>;
  readonly payloads: Readonly<Record<WriteVerb, string>>;
  readonly createInput: string;
  readonly patch: string;
  /** The field of the create and update payloads that holds the entity ("component"). */
  readonly payloadField: string;
  readonly fields: readonly WriteFieldPlan[];
}

const VERBS: readonly WriteVerb[] = ['create', 'update', 'delete'];

export function planWrites(options: { readonly inflection: Inflection; readonly blueprint: Blueprint; readonly typeName: string; readonly singleField: string; readonly fields: readonly FieldPlan[] }): WritePlan {
  const { inflection, blueprint, typeName, singleField } = options;
  const fields = options.fields.flatMap((f): WriteFieldPlan[] => {
    const where = `blueprint "${blueprint.identifier}"`;
    if (f.kind === 'property') {
      const item = f.reference ? 'String' : f.type.named === 'Timer' ? 'DateTime' : f.type.named === 'LabeledURL' ? 'LabeledURLInput' : f.type.named;
      const inputType = f.type.list ? `[${item === 'JSON' ? item : `${item}!`}]` : item;
      const required = blueprint.required.includes(f.key) && f.def.default === undefined;
      const what = f.reference ? `the identifier of a ${f.reference} entity` : 'its value';
      return [{ name: f.name, key: f.key, kind: 'property', inputType, required, default: f.def.default, enum: f.enum, dateTime: item === 'DateTime', description: `Property "${f.key}" of ${where}: ${what}${required ? ' (required)' : ''}.` }];
    }
    if (f.kind === 'relation') {
      const inputType = f.def.many ? '[String!]' : 'String';
      const what = f.def.many ? `the identifiers of the ${f.target} entities it points to` : `the identifier of the ${f.target} entity it points to`;
      return [{ name: f.name, key: f.key, kind: 'relation', inputType, required: f.def.required && !f.def.many, enum: undefined, dateTime: false, description: `Relation "${f.key}" of ${where}: ${what}${f.def.required ? ' (required)' : ''}.` }];
    }
    return [];
  });
  return {
    mutations: Object.fromEntries(VERBS.map((v) => [v, inflection.writeMutation(v, typeName)])) as Record<WriteVerb, string>,
    payloads: Object.fromEntries(VERBS.map((v) => [v, inflection.payloadType(v, typeName)])) as Record<WriteVerb, string>,
    createInput: inflection.createInputType(typeName),
    patch: inflection.patchType(typeName),
    payloadField: singleField,
    fields,
  };
}

/** The SDL of one type's writes: inputs, payloads and `extend type Mutation`. */
export function printWrites(typeName: string, w: WritePlan): string {
  const createFields = w.fields.map((f) => {
    const literal = f.default === undefined || !(f.enum || LITERAL_TYPES.has(f.inputType.replace(/[[\]!]/g, ''))) ? undefined : graphqlLiteral(f.default, f.enum);
    const described = f.default !== undefined && literal === undefined ? `${f.description} Default: ${JSON.stringify(f.default)}.` : f.description;
    return `  ${doc(described)}\n  ${f.name}: ${f.inputType}${f.required ? '!' : ''}${literal === undefined ? '' : ` = ${literal}`}`;
  });
  const patchFields = w.fields.map((f) => `  ${doc(`${f.description} Null clears it.`)}\n  ${f.name}: ${f.inputType}`);
  const meta = (clears: string) => [
    `  ${doc(`The entity's title${clears}.`)}\n  title: String`,
    `  ${doc(`The entity's icon${clears}.`)}\n  icon: String`,
    `  ${doc(`The teams that own the entity${clears}.`)}\n  team: [String!]`,
  ];
  return `${doc(`A new ${typeName} entity: its identifier, meta fields, properties and relations (enum values by their GraphQL names).`)}
input ${w.createInput} {
  ${doc("The new entity's identifier (Port's identifier rule).")}
  identifier: String!
${meta('').join('\n')}
${createFields.join('\n')}
}

${doc(`Changes to a ${typeName} entity: what is given is set (null clears it), what is not given is kept.`)}
input ${w.patch} {
${meta('; null clears it').join('\n')}
${patchFields.join('\n')}
}

${doc(`What create${typeName} did.`)}
type ${w.payloads.create} {
  ${doc(`The ${typeName} entity as stored.`)}
  ${w.payloadField}: ${typeName}!
}

${doc(`What update${typeName} did.`)}
type ${w.payloads.update} {
  ${doc(`The ${typeName} entity as stored.`)}
  ${w.payloadField}: ${typeName}!
}

${doc(`What delete${typeName} did.`)}
type ${w.payloads.delete} {
  ${doc('The identifier given.')}
  identifier: String!
  ${doc('True when the entity existed and was deleted; false when there was no such entity.')}
  deleted: Boolean!
}

extend type Mutation {
  ${doc(`Creates a ${typeName} entity, validated against its blueprint; refused (CONFLICT) when one with this identifier exists.`)}
  ${w.mutations.create}(${doc('The new entity.')}input: ${w.createInput}!): ${w.payloads.create}!
  ${doc(`Changes a ${typeName} entity (what is not given is kept), validated against its blueprint; NOT_FOUND when there is none.`)}
  ${w.mutations.update}(${doc("The entity's identifier.")}identifier: String!, ${doc('What to change.')}patch: ${w.patch}!): ${w.payloads.update}!
  ${doc(`Deletes a ${typeName} entity. Refused (CONFLICT, naming them) while other entities hold a required relation to it, unless \`deleteDependents\`.`)}
  ${w.mutations.delete}(${doc("The entity's identifier.")}identifier: String!, ${doc('Also delete the entities that hold a required relation to it, transitively.')}deleteDependents: Boolean = false): ${w.payloads.delete}!
}`;
}
