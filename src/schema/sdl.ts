/**
 * printPlan: SchemaPlan → the generated SDL (types, connections, filters, orderBy enums and
 * root fields per blueprint). Every name comes from the plan; nothing is named here.
 */
import type { EnumPlan, FieldPlan, SchemaPlan, TypePlan, ValueType } from './plan.ts';

const META_FIELDS_SDL = `  id: ID!
  identifier: String!
  title: String
  icon: String
  team: [String!]!
  blueprint: String!
  createdAt: DateTime
  updatedAt: DateTime
  createdBy: String
  updatedBy: String
  properties: JSON!
  relations: JSON!
  source: EntitySource!
  sources: [EntitySource!]!
  conflicts: [SourceConflict!]!
  scorecards: [ScorecardResult!]!`;

export function printPlan(plan: SchemaPlan): string {
  const out: string[] = [];
  for (const e of plan.enums) out.push(printEnum(e), printEnumFilters(plan, e));
  for (const t of plan.types) out.push(printType(plan, t), printConnection(t), printFilter(plan, t), printOrderBy(t));
  out.push(printRoot(plan));
  return out.join('\n\n') + '\n';
}

function description(text: string | undefined, indent = ''): string {
  if (!text) return '';
  return `${indent}${JSON.stringify(text)}\n`;
}

function typeRef(t: ValueType): string {
  return t.list ? `[${t.named}]` : t.named;
}

function connectionArgs(plan: SchemaPlan, target: string): string {
  const t = plan.type(target);
  return `(filter: ${t.filterType}, orderBy: [${t.orderByType}!], first: Int, after: String, last: Int, before: String)`;
}

function fieldSdl(plan: SchemaPlan, f: FieldPlan): string {
  const doc = description(f.description, '  ');
  switch (f.kind) {
    case 'property':
    case 'mirror':
    case 'calculation':
      return `${doc}  ${f.name}: ${typeRef(f.type)}`;
    case 'aggregation':
      return `${doc}  ${f.name}: Float`;
    case 'relation': {
      const target = plan.type(f.target);
      return f.def.many
        ? `${doc}  ${f.name}${connectionArgs(plan, f.target)}: ${target.connectionType}!`
        : `${doc}  ${f.name}: ${target.typeName}`;
    }
    case 'reverse': {
      const source = plan.type(f.source);
      return `${doc}  ${f.name}${connectionArgs(plan, f.source)}: ${source.connectionType}!`;
    }
  }
}

function printType(plan: SchemaPlan, t: TypePlan): string {
  const fields = t.fields.map((f) => fieldSdl(plan, f)).join('\n');
  const doc = description(t.blueprint.description ?? t.blueprint.title);
  return `${doc}type ${t.typeName} implements Node & Entity @key(fields: "identifier") {\n${META_FIELDS_SDL}${fields ? '\n' + fields : ''}\n}`;
}

function printConnection(t: TypePlan): string {
  return [
    `type ${t.connectionType} {\n  nodes: [${t.typeName}]!\n  edges: [${t.edgeType}!]!\n  pageInfo: PageInfo!\n  totalCount: Int!\n}`,
    `type ${t.edgeType} {\n  cursor: String!\n  node: ${t.typeName}\n}`,
  ].join('\n\n');
}

function printFilter(plan: SchemaPlan, t: TypePlan): string {
  const lines = [...t.filter.values()].map((f) => {
    switch (f.kind) {
      case 'and':
      case 'or':
        return `  ${f.name}: [${t.filterType}!]`;
      case 'not':
        return `  ${f.name}: ${t.filterType}`;
      case 'meta':
      case 'property':
      case 'computed':
        return `  ${f.name}: ${f.inputType}`;
      case 'relation':
        return `${description(f.many ? 'Matches when any related entity matches.' : undefined, '  ')}  ${f.name}: ${plan.type(f.target).filterType}`;
      case 'scorecard':
        return `${description(`The entity's level in scorecard "${f.scorecard}" (evaluated live).`, '  ')}  ${f.name}: ScorecardLevelFilter`;
    }
  });
  return `input ${t.filterType} {\n${lines.join('\n')}\n}`;
}

function printOrderBy(t: TypePlan): string {
  return `enum ${t.orderByType} {\n${t.orderBy.map((o) => `  ${o.name}`).join('\n')}\n}`;
}

function printEnum(e: EnumPlan): string {
  const values = e.values.map((v) => `${description(`As written: ${JSON.stringify(v.value)}`, '  ')}  ${v.name}`).join('\n');
  return `enum ${e.typeName} {\n${values}\n}`;
}

function printEnumFilters(plan: SchemaPlan, e: EnumPlan): string {
  const single = `input ${plan.inflection.scalarFilterType(e.typeName)} {\n  equalTo: ${e.typeName}\n  notEqualTo: ${e.typeName}\n  in: [${e.typeName}!]\n  notIn: [${e.typeName}!]\n  isNull: Boolean\n}`;
  const list = `input ${plan.inflection.listFilterType(e.typeName)} {\n  contains: ${e.typeName}\n  isNull: Boolean\n  isEmpty: Boolean\n}`;
  return `${single}\n\n${list}`;
}

function printRoot(plan: SchemaPlan): string {
  const fields = plan.types.flatMap((t) => [
    `  ${t.singleField}(identifier: String!): ${t.typeName}`,
    `  ${t.allField}${connectionArgs(plan, t.blueprint.identifier)}: ${t.connectionType}!`,
  ]);
  return `extend type Query {\n${fields.join('\n')}\n}`;
}
