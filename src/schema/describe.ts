/**
 * The descriptions of the generated schema: the blueprint's own `description` where it wrote
 * one, else a sentence that says what the field is and which part of which blueprint it comes
 * from, so every generated type, field, argument and enum value is described (a test counts).
 */
import type { FieldPlan, FilterFieldPlan, TypePlan } from './plan.ts';
import type { SchemaPlan } from './plan.ts';

/** A description as an SDL string literal followed by a space, for inline use. */
export function doc(text: string): string {
  return `${JSON.stringify(text)} `;
}

const ofBlueprint = (t: TypePlan) => `blueprint "${t.blueprint.identifier}"`;
const titled = (title: string | undefined, text: string) => (title ? `${title}: ${text}` : text.charAt(0).toUpperCase() + text.slice(1));

export function describeType(t: TypePlan): string {
  return t.blueprint.description ?? `${t.blueprint.title}: an entity of ${ofBlueprint(t)}.`;
}

/** True when the blueprint says the field always has a value: a required property or single relation. */
export function isRequired(t: TypePlan, f: FieldPlan): boolean {
  if (f.kind === 'property') return t.blueprint.required.includes(f.key);
  if (f.kind === 'relation') return f.def.required && !f.def.many;
  return false;
}

export function describeField(plan: SchemaPlan, t: TypePlan, f: FieldPlan): string {
  if (f.description) return f.description;
  const required = isRequired(t, f) ? ' (required)' : '';
  switch (f.kind) {
    case 'property':
      return titled(f.def.title, `property "${f.key}" of ${ofBlueprint(t)}${required}.`);
    case 'relation': {
      const target = plan.type(f.target).typeName;
      const what = f.def.many ? `the ${target} entities it points to` : `the ${target} entity it points to`;
      return titled(f.def.title, `relation "${f.key}" of ${ofBlueprint(t)}${required}: ${what}.`);
    }
    case 'reverse':
      return `The ${plan.type(f.source).typeName} entities whose relation "${f.relation}" points here.`;
    case 'mirror':
      return titled(plan.model.get(t.blueprint.identifier)?.mirrorProperties[f.key]?.title, `mirror property "${f.key}" of ${ofBlueprint(t)}: the value at "${[...f.hops, f.last].join('.')}", read through its relations.`);
    case 'calculation':
      return titled(f.def.title, `calculation property "${f.key}" of ${ofBlueprint(t)}: computed from the entity by its jq expression.`);
    case 'aggregation': {
      const spec = f.def.calculationSpec;
      const what = spec.calculationBy === 'entities' ? 'how many' : `the ${spec.func} of property "${spec.property}" over the`;
      return titled(f.def.title, `aggregation property "${f.key}" of ${ofBlueprint(t)}: ${what} related ${f.def.target} entities.`);
    }
  }
}

export function describeFilterField(t: TypePlan, f: FilterFieldPlan): string {
  switch (f.kind) {
    case 'and':
      return 'Every one of these conditions holds.';
    case 'or':
      return 'At least one of these conditions holds.';
    case 'not':
      return 'This condition does not hold.';
    case 'meta':
      return `A condition on the meta field ${f.key}.`;
    case 'property':
      return `A condition on property "${f.key}" of ${ofBlueprint(t)}.`;
    case 'computed':
      return `A condition on the computed property "${f.key}" of ${ofBlueprint(t)}.`;
    case 'relation':
      return f.many ? `Matches when any entity the "${f.key}" relation points to matches.` : `Matches when the entity the "${f.key}" relation points to matches.`;
    case 'scorecard':
      return `The entity's level in scorecard "${f.scorecard}" (evaluated live).`;
  }
}

export function describeOrderBy(o: TypePlan['orderBy'][number]): string {
  const what = o.scorecard ? `the level in scorecard "${o.key}"` : o.key.startsWith('$') ? `the meta field ${o.key}` : `"${o.key}"`;
  return `By ${what}, ${o.desc ? 'descending' : 'ascending'}.`;
}
