/**
 * printPlan: SchemaPlan → the generated SDL (types, connections, filters, orderBy enums and
 * root fields per blueprint). Every name comes from the plan; nothing is named here. Every type,
 * field, argument and enum value gets a description: the blueprint's own when it has one, else
 * text from `describe.ts` that says what it is and which part of which blueprint it comes from.
 *
 * Nullability follows the blueprint (docs/naming.md, "Nullability"): a property listed in
 * `schema.required` and a single relation with `required: true` are non-null; list items are
 * non-null except JSON items and entity references (a dangling reference is a null item plus an
 * error naming it, as a dangling relation is in a connection).
 */
import type { EnumPlan, FieldPlan, SchemaPlan, TypePlan, ValueType } from './plan.ts';
import { printWrites } from './writes.ts';
import { describeField, describeFilterField, describeOrderBy, describeType, doc, isRequired } from './describe.ts';

/** The meta fields every entity type repeats from the Entity interface (graphql-js does not inherit descriptions). */
const META_FIELDS_SDL = `  "Global, opaque identifier: pass it to \`node(id:)\`."
  id: ID!
  "The entity's identifier, unique within its blueprint."
  identifier: String!
  "The entity's title (Port's \`$title\`)."
  title: String
  "The entity's icon (Port's \`$icon\`)."
  icon: String
  "The teams that own the entity (Port's \`$team\`)."
  team: [String!]!
  "The entity's blueprint."
  blueprint: BlueprintIdentifier!
  "When the entity was created (Port's \`$createdAt\`)."
  createdAt: DateTime
  "When the entity was last changed (Port's \`$updatedAt\`)."
  updatedAt: DateTime
  "Who created the entity through the API; null for entities from catalog files and live sources."
  createdBy: String
  "Who last changed the entity through the API; null for entities from catalog files and live sources."
  updatedBy: String
  "All properties as stored, with enum values as written in the blueprint."
  properties: JSON!
  "All relations as stored: identifier or list of identifiers per relation."
  relations: JSON!
  "Where the entity's data came from: its live source (the first, when several), else the catalog."
  source: EntitySource!
  "Every layer the entity was merged from: the catalog, then live sources in configuration order."
  sources: [EntitySource!]!
  "Fields that two layers set to different values; the first layer's value is served."
  conflicts: [SourceConflict!]!
  "Each scorecard of the entity's blueprint that grades it (its filter selects it), evaluated live from the data served now."
  scorecards: [ScorecardResult!]!`;

export function printPlan(plan: SchemaPlan): string {
  const out: string[] = [printBlueprintEnum(plan)];
  for (const e of plan.enums) out.push(printEnum(e), printEnumFilters(plan, e));
  for (const t of plan.types) out.push(printType(plan, t), printConnection(t), printFilter(plan, t), printOrderBy(t), printWrites(t.typeName, t.writes));
  out.push(printRoot(plan));
  return out.join('\n\n') + '\n';
}

/**
 * A value's type reference: lists hold non-null items unless they may hold a null (JSON values,
 * entity references that can dangle); `required` makes the field non-null.
 */
function typeRef(t: ValueType, options: { readonly required: boolean; readonly reference?: boolean }): string {
  const item = t.named === 'JSON' || options.reference ? t.named : `${t.named}!`;
  const ref = t.list ? `[${item}]` : t.named;
  return options.required ? `${ref}!` : ref;
}

function connectionArgs(plan: SchemaPlan, target: string): string {
  const t = plan.type(target);
  return (
    `(${doc('Only the entities that match this filter.')}filter: ${t.filterType}, ` +
    `${doc('The order of the entities: the first key first; ties are broken by identifier.')}orderBy: [${t.orderByType}!], ` +
    `${doc('At most this many entities, from the start (or after `after`).')}first: Int, ` +
    `${doc('A cursor: the entities after it.')}after: String, ` +
    `${doc('At most this many entities, from the end (or before `before`).')}last: Int, ` +
    `${doc('A cursor: the entities before it.')}before: String)`
  );
}

function fieldSdl(plan: SchemaPlan, t: TypePlan, f: FieldPlan): string {
  const d = `  ${doc(describeField(plan, t, f))}\n`;
  switch (f.kind) {
    case 'property':
      return `${d}  ${f.name}: ${typeRef(f.type, { required: isRequired(t, f), reference: f.reference !== undefined })}`;
    case 'mirror':
    case 'calculation':
      return `${d}  ${f.name}: ${typeRef(f.type, { required: false })}`;
    case 'aggregation':
      // A count is integral and always has a value; the other functions have none over no entity.
      return f.def.calculationSpec.func === 'count' ? `${d}  ${f.name}: Int!` : `${d}  ${f.name}: Float`;
    case 'relation': {
      const target = plan.type(f.target);
      return f.def.many
        ? `${d}  ${f.name}${connectionArgs(plan, f.target)}: ${target.connectionType}!`
        : `${d}  ${f.name}: ${target.typeName}${isRequired(t, f) ? '!' : ''}`;
    }
    case 'reverse': {
      const source = plan.type(f.source);
      return `${d}  ${f.name}${connectionArgs(plan, f.source)}: ${source.connectionType}!`;
    }
  }
}

function printType(plan: SchemaPlan, t: TypePlan): string {
  const fields = t.fields.map((f) => fieldSdl(plan, t, f)).join('\n');
  return `${doc(describeType(t))}\ntype ${t.typeName} implements Node & Entity @key(fields: "identifier") {\n${META_FIELDS_SDL}${fields ? '\n' + fields : ''}\n}`;
}

function printConnection(t: TypePlan): string {
  const what = `${t.typeName} entities`;
  return [
    `${doc(`A page of ${what} (a Relay connection).`)}
type ${t.connectionType} {
  ${doc(`The ${what} of the page; an entry is null (with an error naming it) when a relation points at an entity that does not exist.`)}
  nodes: [${t.typeName}]!
  ${doc(`The ${what} of the page, each with its cursor.`)}
  edges: [${t.edgeType}!]!
  ${doc('Where the page is: cursors and whether there are more.')}
  pageInfo: PageInfo!
  ${doc(`How many ${what} match, on every page.`)}
  totalCount: Int!
}`,
    `${doc(`A ${t.typeName} entity and its cursor.`)}
type ${t.edgeType} {
  ${doc('Pass it as `after` or `before` to page from here.')}
  cursor: String!
  ${doc(`The ${t.typeName} entity; null (with an error naming it) when a relation points at an entity that does not exist.`)}
  node: ${t.typeName}
}`,
  ].join('\n\n');
}

function printFilter(plan: SchemaPlan, t: TypePlan): string {
  const lines = [...t.filter.values()].map((f) => {
    const d = `  ${doc(describeFilterField(t, f))}\n`;
    switch (f.kind) {
      case 'and':
      case 'or':
        return `${d}  ${f.name}: [${t.filterType}!]`;
      case 'not':
        return `${d}  ${f.name}: ${t.filterType}`;
      case 'meta':
      case 'property':
      case 'computed':
        return `${d}  ${f.name}: ${f.inputType}`;
      case 'relation':
        return `${d}  ${f.name}: ${plan.type(f.target).filterType}`;
      case 'scorecard':
        return `${d}  ${f.name}: ScorecardLevelFilter`;
    }
  });
  return `${doc(`A condition on ${t.typeName} entities: every field given must hold.`)}\ninput ${t.filterType} {\n${lines.join('\n')}\n}`;
}

function printOrderBy(t: TypePlan): string {
  return `${doc(`The orders of ${t.typeName} entities.`)}\nenum ${t.orderByType} {\n${t.orderBy.map((o) => `  ${doc(describeOrderBy(o))}\n  ${o.name}`).join('\n')}\n}`;
}

function printEnum(e: EnumPlan): string {
  const values = e.values.map((v) => `  ${doc(`As written: ${JSON.stringify(v.value)}`)}\n  ${v.name}`).join('\n');
  return `${doc(e.description)}\nenum ${e.typeName} {\n${values}\n}`;
}

function printBlueprintEnum({ blueprintEnum: e }: SchemaPlan): string {
  return `${doc(e.description)}\nenum ${e.typeName} {\n${e.values.map((v) => `  ${doc(v.description)}\n  ${v.name}`).join('\n')}\n}`;
}

function printEnumFilters(plan: SchemaPlan, e: EnumPlan): string {
  const n = e.typeName;
  const single = `${doc(`A condition on a ${n} value.`)}
input ${plan.inflection.scalarFilterType(n)} {
  ${doc('Equal to this value.')}
  equalTo: ${n}
  ${doc('Not equal to this value.')}
  notEqualTo: ${n}
  ${doc('One of these values.')}
  in: [${n}!]
  ${doc('None of these values.')}
  notIn: [${n}!]
  ${doc('true: the value is not set; false: it is set.')}
  isNull: Boolean
}`;
  const list = `${doc(`A condition on a list of ${n} values.`)}
input ${plan.inflection.listFilterType(n)} {
  ${doc('The list holds this value.')}
  contains: ${n}
  ${doc('true: the list is not set; false: it is set.')}
  isNull: Boolean
  ${doc('true: the list is empty; false: it has a value.')}
  isEmpty: Boolean
}`;
  return `${single}\n\n${list}`;
}

function printRoot(plan: SchemaPlan): string {
  const fields = plan.types.flatMap((t) => [
    `  ${doc(`One ${t.typeName} entity by its identifier; null when there is none.`)}`,
    `  ${t.singleField}(${doc(`The ${t.typeName} entity's identifier.`)}identifier: String!): ${t.typeName}`,
    `  ${doc(`The ${t.typeName} entities, filtered, ordered and paged.`)}`,
    `  ${t.allField}${connectionArgs(plan, t.blueprint.identifier)}: ${t.connectionType}!`,
  ]);
  return `extend type Query {\n${fields.join('\n')}\n}`;
}
