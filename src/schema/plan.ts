/**
 * planSchema: BlueprintModel + Inflection → SchemaPlan, the complete list of generated types and
 * fields with the blueprint part each one comes from.
 *
 * The plan is plain data. `sdl.ts` prints it as SDL; the resolver table (resolvers/) reads it to
 * know what each field does. Every name goes through a NameRegistry, so two things that land on
 * one GraphQL name are a load error naming both, never a silent overwrite.
 */
import { ErrorCodes, LatticeError, LatticeErrors, type ErrorLocation } from '../errors/index.ts';
import { META_FIELDS, isMetaProperty, type MetaProperty, type AggregationPropertyDef, type Blueprint, type BlueprintModel, type CalculationPropertyDef, type PropertyDef, type RelationDef } from '../model/blueprints/model.ts';
import { aggregationPaths, type RelationPath } from '../model/blueprints/paths.ts';
import type { Inflection } from './inflection.ts';
import { BASE_MUTATION_FIELDS, BASE_TYPE_NAMES } from './base.ts';
import { planWrites, type WritePlan } from './writes.ts';
import { createScorecardSet, type Scorecard, type ScorecardSet } from '../model/scorecards/model.ts';

export interface EnumPlan {
  readonly typeName: string;
  /** What the enum holds: the values of which property of which blueprint. */
  readonly description: string;
  /** GraphQL enum value name → the value as written in the blueprint. */
  readonly values: readonly { readonly name: string; readonly value: string | number | boolean | null }[];
}

/** The enum of the blueprints: each value with the blueprint's identifier and its description. */
export interface BlueprintEnumPlan {
  readonly typeName: string;
  readonly description: string;
  readonly values: readonly { readonly name: string; readonly value: string; readonly description: string }[];
}

/** How a field gets its GraphQL type: a scalar, one of the plan's enums, or a list of either. */
export interface ValueType {
  readonly named: string;
  readonly list: boolean;
  /** The scalar filter family used in filter inputs (String, Float, Int for counts, Boolean, DateTime, JSON). */
  readonly filterScalar: 'String' | 'Float' | 'Int' | 'Boolean' | 'DateTime' | 'Timer' | 'JSON' | 'enum';
}

interface FieldBase {
  readonly name: string;
  readonly description?: string;
  /** Pointer to the part of the blueprint this field comes from. */
  readonly pointer: string;
}

export type FieldPlan =
  | (FieldBase & {
      readonly kind: 'property';
      readonly key: string;
      readonly def: PropertyDef;
      readonly type: ValueType;
      readonly enum?: EnumPlan;
      /** Format `entity`: the blueprint whose entities the value names; the field resolves them. */
      readonly reference?: string;
    })
  | (FieldBase & { readonly kind: 'relation'; readonly key: string; readonly def: RelationDef; readonly target: string })
  | (FieldBase & { readonly kind: 'reverse'; readonly source: string; readonly relation: string })
  | (FieldBase & { readonly kind: 'mirror'; readonly key: string; readonly hops: readonly string[]; readonly last: string; readonly type: ValueType })
  | (FieldBase & { readonly kind: 'calculation'; readonly key: string; readonly def: CalculationPropertyDef; readonly type: ValueType })
  | (FieldBase & { readonly kind: 'aggregation'; readonly key: string; readonly def: AggregationPropertyDef; readonly paths: readonly RelationPath[] });

/**
 * One field of a type's filter input and what it tests: `and` / `or` / `not`, a meta field
 * (`$title`…), a property or a computed property (mirror, calculation, aggregation), each with
 * its filter input type; or a relation, whose condition is a filter of its target.
 */
export type FilterFieldPlan =
  | { readonly kind: 'and' | 'or' | 'not'; readonly name: string }
  | { readonly kind: 'meta' | 'property' | 'computed'; readonly name: string; readonly key: string; readonly list: boolean; readonly inputType: string }
  | { readonly kind: 'relation'; readonly name: string; readonly key: string; readonly target: string; readonly many: boolean }
  /** A scorecard's level (`ScorecardLevelFilter`): levels compare in the scorecard's order. */
  | { readonly kind: 'scorecard'; readonly name: string; readonly scorecard: string };

export interface TypePlan {
  readonly blueprint: Blueprint;
  readonly typeName: string;
  readonly singleField: string;
  readonly allField: string;
  readonly connectionType: string;
  readonly edgeType: string;
  readonly filterType: string;
  readonly orderByType: string;
  readonly fields: readonly FieldPlan[];
  /**
   * orderBy enum value name → sort key ("$title", "type"…) and direction; `computed` keys are
   * mirror, calculation or aggregation properties; `scorecard` keys are a scorecard's identifier
   * (sorted by level, lowest first; entities it does not grade before all).
   */
  readonly orderBy: readonly { readonly name: string; readonly key: string; readonly desc: boolean; readonly computed?: boolean; readonly scorecard?: boolean }[];
  /** The filter input's fields by GraphQL name, in the order the SDL prints them. */
  readonly filter: ReadonlyMap<string, FilterFieldPlan>;
  /** The typed create / update / delete mutations and their inputs (writes.ts). */
  readonly writes: WritePlan;
}

/** The sections of a blueprint that become fields, in the order their names are claimed. */
export type FieldSection = 'property' | 'relation' | 'mirror' | 'calculation' | 'aggregation';

export interface SchemaPlan {
  readonly model: BlueprintModel;
  /** The scorecards served with this generation (`scorecards` fields, level filters and orderBy). */
  readonly scorecards: ScorecardSet;
  readonly inflection: Inflection;
  readonly types: readonly TypePlan[];
  readonly enums: readonly EnumPlan[];
  /**
   * `BlueprintIdentifier`: one value per blueprint (`cloud-resource` → `CLOUD_RESOURCE`), the type
   * of every typed field and argument that names a blueprint; each value's `value` is the
   * identifier as written and `description` the blueprint's description or title.
   */
  readonly blueprintEnum: BlueprintEnumPlan;
  /** Fields renamed because their natural name was taken (see `claimField`). */
  readonly warnings: readonly LatticeError[];
  type(blueprint: string): TypePlan;
  byTypeName(typeName: string): TypePlan | undefined;
}

const META_ORDER: readonly [string, string][] = [
  ['identifier', '$identifier'],
  ['title', '$title'],
  ['icon', '$icon'],
  ['createdAt', '$createdAt'],
  ['updatedAt', '$updatedAt'],
];

/** The meta fields a filter input offers, GraphQL name → meta key. */
const META_FILTER: readonly [string, MetaProperty][] = [
  ['identifier', '$identifier'],
  ['title', '$title'],
  ['icon', '$icon'],
  ['team', '$team'],
  ['createdAt', '$createdAt'],
  ['updatedAt', '$updatedAt'],
];

/** Throws LatticeErrors (NAME_COLLISION and friends) listing every problem. */
export function planSchema(model: BlueprintModel, inflection: Inflection, scorecards: ScorecardSet = createScorecardSet([])): SchemaPlan {
  const errors: LatticeError[] = [];
  const warnings: LatticeError[] = [];
  const typeNames = new NameRegistry(errors, 'type');
  for (const name of BASE_TYPE_NAMES) typeNames.claim(name, 'the built-in schema', {});
  typeNames.claim(BLUEPRINT_ENUM, 'the built-in schema', {});
  const blueprintEnum = planBlueprintEnum(model, inflection, errors);

  const enums: EnumPlan[] = [];
  const types: TypePlan[] = [];
  const fieldsByType = new Map<string, FieldPlan[]>();
  const registries = new Map<string, NameRegistry>();
  const rootFields = new NameRegistry(errors, 'Query field');
  for (const f of ['entity', 'node', 'blueprints', 'search', 'lattice', 'scorecardDefinitions', '_service', '_entities']) rootFields.claim(f, 'the built-in schema', {});
  const mutationFields = new NameRegistry(errors, 'Mutation field');
  for (const f of BASE_MUTATION_FIELDS) mutationFields.claim(f, 'the built-in schema', {});

  for (const bp of model.blueprints) {
    const at = (pointer: string) => bp.origin.locate(pointer);
    const typeName = inflection.typeName(bp.identifier);
    const owner = `blueprint "${bp.identifier}"`;
    typeNames.claim(typeName, owner, at('/identifier'));
    for (const derived of [inflection.connectionType(typeName), inflection.edgeType(typeName), inflection.filterType(typeName), inflection.orderByType(typeName)]) {
      typeNames.claim(derived, owner, at('/identifier'));
    }
    const singleField = inflection.singleField(bp.identifier);
    const allField = inflection.allField(bp.identifier);
    rootFields.claim(singleField, owner, at('/identifier'));
    rootFields.claim(allField, owner, at('/identifier'));

    const fieldNames = new NameRegistry(errors, `field of ${typeName}`);
    for (const meta of META_FIELDS) fieldNames.claim(meta, 'the Entity interface', {});
    registries.set(bp.identifier, fieldNames);
    /**
     * A field's name: its identifier in camelCase; when that is a meta field's or a field's of
     * another section (Port keeps properties and relations apart, and has properties named
     * `createdAt` or `team`), the section's name for it (`createdAtProperty`, `teamRelation`), with
     * a warning. Two identifiers of one section on one name (Port's Statuspage integration has
     * `postmortem_published_at` and `postmortemPublishedAt`): the one spelled as the name keeps it,
     * the other is its identifier as written when that is a GraphQL name, with a warning; else
     * they stay a NAME_COLLISION.
     */
    const sectionOf = new Map<string, FieldSection | 'meta'>(META_FIELDS.map((m) => [m, 'meta']));
    const ownNames = new Set(fieldKeys(bp).flatMap(([section, key]) => (inflection.fieldName(key) === key ? [`${section} ${key}`] : [])));
    const claimField = ({ key, section, owner: by, location }: { key: string; section: FieldSection; owner: string; location: ErrorLocation }): string => {
      const natural = inflection.fieldName(key);
      const holder = sectionOf.get(natural);
      const spelledOut = natural !== key && ownNames.has(`${section} ${natural}`) && GRAPHQL_NAME.test(key);
      const name = spelledOut ? key : holder !== undefined && holder !== section ? inflection.sectionFieldName(natural, section) : natural;
      if (fieldNames.claim(name, by, location)) {
        sectionOf.set(name, section);
        if (spelledOut) {
          warnings.push(new LatticeError(ErrorCodes.NAME_COLLISION, `${by} is the GraphQL field "${name}": "${natural}" is the identifier of another field`, { location, details: { name, natural } }));
        } else if (name !== natural) {
          const taken = holder === 'meta' ? `the meta field "${natural}"` : `the ${holder} field "${natural}"`;
          warnings.push(new LatticeError(ErrorCodes.NAME_COLLISION, `${by} is the GraphQL field "${name}": "${natural}" is ${taken}`, { location, details: { name, natural } }));
        }
      }
      return name;
    };
    const fields: FieldPlan[] = [];
    fieldsByType.set(bp.identifier, fields);
    const orderBy: TypePlan['orderBy'][number][] = [];
    for (const [field, key] of META_ORDER) orderBy.push(...directions(inflection, field, key));

    for (const [key, def] of Object.entries(bp.properties)) {
      const pointer = `/schema/properties/${key}`;
      const name = claimField({ key, section: 'property', owner: `property "${key}" of ${owner}`, location: at(pointer) });
      let enumPlan: EnumPlan | undefined;
      const values = def.type === 'array' ? def.items?.enum : def.enum;
      if (values) {
        enumPlan = planEnum(inflection, { typeName: inflection.enumTypeName(typeName, name), description: `The values of property "${key}" of blueprint "${bp.identifier}".` }, values, errors, at(pointer));
        typeNames.claim(enumPlan.typeName, `enum of property "${key}" of ${owner}`, at(pointer));
        typeNames.claim(inflection.scalarFilterType(enumPlan.typeName), `enum of property "${key}" of ${owner}`, at(pointer));
        typeNames.claim(inflection.listFilterType(enumPlan.typeName), `enum of property "${key}" of ${owner}`, at(pointer));
        enums.push(enumPlan);
      }
      const reference = referenceTarget(def);
      const scalar = valueType(def, enumPlan);
      // An entity reference is typed as its target (the model rules checked that it exists).
      const type = reference ? { ...scalar, named: inflection.typeName(reference) } : scalar;
      fields.push({ kind: 'property', name, key, def, type, enum: enumPlan, reference, pointer, description: def.description });
      if (!type.list && type.filterScalar !== 'JSON') orderBy.push(...directions(inflection, name, key));
    }
    for (const [key, def] of Object.entries(bp.relations)) {
      const pointer = `/relations/${key}`;
      const name = claimField({ key, section: 'relation', owner: `relation "${key}" of ${owner}`, location: at(pointer) });
      fields.push({ kind: 'relation', name, key, def, target: def.target, pointer, description: def.description });
    }
    for (const [key, def] of Object.entries(bp.mirrorProperties)) {
      const pointer = `/mirrorProperties/${key}`;
      const name = claimField({ key, section: 'mirror', owner: `mirror property "${key}" of ${owner}`, location: at(pointer) });
      const hops = def.path.split('.');
      const last = hops.pop() as string;
      fields.push({ kind: 'mirror', name, key, hops, last, type: mirrorType(model, bp, hops, last), pointer });
    }
    for (const [key, def] of Object.entries(bp.calculationProperties)) {
      const pointer = `/calculationProperties/${key}`;
      const name = claimField({ key, section: 'calculation', owner: `calculation property "${key}" of ${owner}`, location: at(pointer) });
      fields.push({ kind: 'calculation', name, key, def, type: valueType({ type: def.type, format: def.format }), pointer, description: def.description });
    }
    const byId = new Map(model.blueprints.map((b) => [b.identifier, b]));
    for (const [key, def] of Object.entries(bp.aggregationProperties)) {
      const pointer = `/aggregationProperties/${key}`;
      const name = claimField({ key, section: 'aggregation', owner: `aggregation property "${key}" of ${owner}`, location: at(pointer) });
      // The model rules reject paths that do not resolve, so a problem here is a model not checked by them.
      const found = aggregationPaths(bp, def, byId);
      if ('problem' in found) errors.push(new LatticeError(ErrorCodes.INVALID_BLUEPRINT, `blueprint "${bp.identifier}": aggregation property "${key}": ${found.problem}`, { location: at(pointer) }));
      fields.push({ kind: 'aggregation', name, key, def, paths: 'paths' in found ? found.paths : [], pointer, description: def.description });
    }
    const filter = new Map<string, FilterFieldPlan>();
    for (const kind of ['and', 'or', 'not'] as const) filter.set(kind, { kind, name: kind });
    for (const [name, key] of META_FILTER) filter.set(name, { kind: 'meta', name, key, list: META_TYPES[key].list, inputType: filterInputType(inflection, META_TYPES[key]) });
    for (const f of fields) {
      if (f.kind === 'property') filter.set(f.name, { kind: 'property', name: f.name, key: f.key, list: f.type.list, inputType: filterInputType(inflection, f.type) });
      if (f.kind === 'relation') filter.set(f.name, { kind: 'relation', name: f.name, key: f.key, target: f.target, many: f.def.many });
    }
    planComputedInputs(inflection, fields, { filter, orderBy });
    planScorecardInputs(inflection, scorecards.forBlueprint(bp.identifier), { filter, orderBy, errors });
    const writes = planWrites({ inflection, blueprint: bp, typeName, singleField, fields });
    for (const name of [writes.createInput, writes.patch, ...Object.values(writes.payloads)]) typeNames.claim(name, owner, at('/identifier'));
    for (const name of Object.values(writes.mutations)) mutationFields.claim(name, owner, at('/identifier'));
    types.push({
      blueprint: bp,
      typeName,
      singleField,
      allField,
      connectionType: inflection.connectionType(typeName),
      edgeType: inflection.edgeType(typeName),
      filterType: inflection.filterType(typeName),
      orderByType: inflection.orderByType(typeName),
      fields,
      orderBy,
      filter,
      writes,
    });
  }

  // Reverse relations live on the target type, so they are planned once every type exists.
  for (const bp of model.blueprints) {
    for (const [key, def] of Object.entries(bp.relations)) {
      const registry = registries.get(def.target);
      if (!registry) continue;
      const name = def.inverse ?? inflection.reverseRelationField(bp.identifier, key);
      const pointer = `/relations/${key}`;
      registry.claim(name, `the reverse of relation "${key}" of blueprint "${bp.identifier}"`, bp.origin.locate(def.inverse ? `${pointer}/inverse` : pointer));
      fieldsByType.get(def.target)?.push({ kind: 'reverse', name, source: bp.identifier, relation: key, pointer, description: `${bp.title} entities whose "${key}" relation points here.` });
    }
  }

  if (errors.length > 0) throw new LatticeErrors(errors);
  const byBlueprint = new Map(types.map((t) => [t.blueprint.identifier, t]));
  const byTypeName = new Map(types.map((t) => [t.typeName, t]));
  return {
    model,
    scorecards,
    inflection,
    types,
    enums,
    blueprintEnum,
    warnings,
    type(blueprint) {
      const t = byBlueprint.get(blueprint);
      if (!t) throw new LatticeError(ErrorCodes.NOT_FOUND, `unknown blueprint "${blueprint}"`, { details: { blueprint } });
      return t;
    },
    byTypeName: (name) => byTypeName.get(name),
  };
}

/**
 * Each scorecard of a blueprint in its filter input (`<scorecard>Level: ScorecardLevelFilter`) and
 * orderBy enum (`<SCORECARD>_LEVEL_ASC/DESC`); a name a field already has is a collision.
 */
function planScorecardInputs(inflection: Inflection, scorecards: readonly Scorecard[], into: { filter: Map<string, FilterFieldPlan>; orderBy: TypePlan['orderBy'][number][]; errors: LatticeError[] }): void {
  for (const s of scorecards) {
    const name = inflection.fieldName(`${s.identifier}_level`);
    if (into.filter.has(name)) {
      into.errors.push(new LatticeError(ErrorCodes.NAME_COLLISION, `scorecard "${s.identifier}" of blueprint "${s.blueprint}" is the filter field "${name}", which a field of the blueprint already is`, { location: s.origin.locate('/identifier'), details: { name } }));
      continue;
    }
    into.filter.set(name, { kind: 'scorecard', name, scorecard: s.identifier });
    into.orderBy.push(...directions(inflection, name, s.identifier).map((o) => ({ ...o, scorecard: true })));
  }
}

/**
 * Mirror, calculation and aggregation properties in the filter input and the orderBy enum, as
 * properties of their value type are (a count is an Int, other aggregations Floats); lists and
 * JSON are not ordered.
 */
function planComputedInputs(inflection: Inflection, fields: readonly FieldPlan[], into: { filter: Map<string, FilterFieldPlan>; orderBy: TypePlan['orderBy'][number][] }): void {
  for (const f of fields) {
    if (f.kind !== 'mirror' && f.kind !== 'calculation' && f.kind !== 'aggregation') continue;
    const type: ValueType = f.kind !== 'aggregation' ? f.type : f.def.calculationSpec.func === 'count' ? { named: 'Int', list: false, filterScalar: 'Int' } : { named: 'Float', list: false, filterScalar: 'Float' };
    into.filter.set(f.name, { kind: 'computed', name: f.name, key: f.key, list: type.list, inputType: filterInputType(inflection, type) });
    if (!type.list && type.filterScalar !== 'JSON') into.orderBy.push(...directions(inflection, f.name, f.key).map((o) => ({ ...o, computed: true })));
  }
}

function directions(inflection: Inflection, field: string, key: string) {
  return [
    { name: inflection.orderByValue(field, 'ASC'), key, desc: false },
    { name: inflection.orderByValue(field, 'DESC'), key, desc: true },
  ];
}

function planEnum(inflection: Inflection, { typeName, description }: Pick<EnumPlan, 'typeName' | 'description'>, values: readonly unknown[], errors: LatticeError[], location: ErrorLocation): EnumPlan {
  const registry = new NameRegistry(errors, `value of enum ${typeName}`);
  const out: { name: string; value: string | number | boolean | null }[] = [];
  for (const value of values as (string | number | boolean | null)[]) {
    if (value === null) continue; // null means "unset", which a nullable field already says
    const name = inflection.enumValueName(value);
    if (registry.claim(name, `enum value ${JSON.stringify(value)}`, location)) out.push({ name, value });
  }
  return { typeName, description, values: out };
}

/** The enum of the blueprints' identifiers, which the hand-written schema (schema/base.graphql) names. */
export const BLUEPRINT_ENUM = 'BlueprintIdentifier';

/**
 * One value per blueprint, spelled by the enum value rule; two identifiers on one value
 * (`api-gateway`, `APIGateway`) are a NAME_COLLISION naming both blueprints.
 */
function planBlueprintEnum(model: BlueprintModel, inflection: Inflection, errors: LatticeError[]): BlueprintEnumPlan {
  const registry = new NameRegistry(errors, `value of enum ${BLUEPRINT_ENUM}`);
  const values: { name: string; value: string; description: string }[] = [];
  for (const bp of model.blueprints) {
    const name = inflection.enumValueName(bp.identifier);
    const description = bp.description ?? `${bp.title}: blueprint "${bp.identifier}".`;
    if (registry.claim(name, `blueprint "${bp.identifier}"`, bp.origin.locate('/identifier'))) values.push({ name, value: bp.identifier, description });
  }
  return { typeName: BLUEPRINT_ENUM, description: 'The blueprints of the model: one value per blueprint identifier (`cloud-resource` is `CLOUD_RESOURCE`). The identifier as written is in `Blueprint.definition`.', values };
}

/** The blueprint a property of format `entity` (or an array of them) points at. */
export function referenceTarget(def: Pick<PropertyDef, 'type' | 'format' | 'blueprint' | 'items'>): string | undefined {
  const scalar = def.type === 'array' ? def.items : def;
  return scalar?.format === 'entity' ? scalar.blueprint : undefined;
}

/**
 * The GraphQL type of a property's values (docs/naming.md, "Property types"): an array is a list of
 * its items' type (of JSON when it has no `items`); an enum its enum; number Float; boolean
 * Boolean; object JSON, or LabeledURL for format `labeled-url`; string by format (stringScalar).
 */
export function valueType(def: Pick<PropertyDef, 'type' | 'format' | 'items'>, enumPlan?: EnumPlan): ValueType {
  if (def.type === 'array') {
    const item = valueType({ type: def.items?.type ?? 'object', format: def.items?.format }, enumPlan);
    return { ...item, list: true };
  }
  if (enumPlan) return { named: enumPlan.typeName, list: false, filterScalar: 'enum' };
  switch (def.type) {
    case 'number':
      return { named: 'Float', list: false, filterScalar: 'Float' };
    case 'boolean':
      return { named: 'Boolean', list: false, filterScalar: 'Boolean' };
    case 'object':
      return { named: def.format === 'labeled-url' ? 'LabeledURL' : 'JSON', list: false, filterScalar: 'JSON' };
    default:
      return { named: stringScalar(def.format), list: false, filterScalar: def.format === 'date-time' ? 'DateTime' : def.format === 'timer' ? 'Timer' : 'String' };
  }
}

/** The filter input of a value ("StringFilter", "ComponentTypeListFilter"…). */
function filterInputType(inflection: Inflection, type: ValueType): string {
  const base = type.filterScalar === 'enum' ? type.named : type.filterScalar;
  return type.list ? inflection.listFilterType(base) : inflection.scalarFilterType(base);
}

/**
 * The GraphQL type for a Port string format: `timer` is a Timer (expiresAt, isExpired,
 * remainingSeconds); formats with no dedicated scalar (markdown, yaml, proto, user, team,
 * idn-email, blueprints) stay String.
 */
export function stringScalar(format: string | undefined): string {
  switch (format) {
    case 'timer':
      return 'Timer';
    case 'date-time':
      return 'DateTime';
    case 'url':
      return 'URL';
    case 'email':
      return 'EmailAddress';
    case 'ipv4':
      return 'IPv4';
    case 'ipv6':
      return 'IPv6';
    default:
      return 'String';
  }
}

const META_TYPES: Record<MetaProperty, ValueType> = {
  $identifier: { named: 'String', list: false, filterScalar: 'String' },
  $title: { named: 'String', list: false, filterScalar: 'String' },
  $icon: { named: 'String', list: false, filterScalar: 'String' },
  $blueprint: { named: 'String', list: false, filterScalar: 'String' },
  $team: { named: 'String', list: true, filterScalar: 'String' },
  $createdAt: { named: 'DateTime', list: false, filterScalar: 'DateTime' },
  $updatedAt: { named: 'DateTime', list: false, filterScalar: 'DateTime' },
  $createdBy: { named: 'String', list: false, filterScalar: 'String' },
  $updatedBy: { named: 'String', list: false, filterScalar: 'String' },
};

function mirrorType(model: BlueprintModel, bp: Blueprint, hops: readonly string[], last: string): ValueType {
  let current = bp;
  for (const hop of hops) current = model.get(current.relations[hop].target) as Blueprint;
  if (isMetaProperty(last)) return META_TYPES[last];
  const prop = current.properties[last];
  if (prop) return valueType(prop.enum || prop.items?.enum ? { ...prop, format: undefined } : prop);
  const calc = current.calculationProperties[last];
  if (calc) return valueType({ type: calc.type, format: calc.format });
  return { named: 'JSON', list: false, filterScalar: 'JSON' };
}

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** Every identifier of a blueprint that becomes a field, with its section. */
function fieldKeys(bp: BlueprintModel['blueprints'][number]): [FieldSection, string][] {
  const sections: [FieldSection, object][] = [
    ['property', bp.properties],
    ['relation', bp.relations],
    ['mirror', bp.mirrorProperties],
    ['calculation', bp.calculationProperties],
    ['aggregation', bp.aggregationProperties],
  ];
  return sections.flatMap(([section, defs]) => Object.keys(defs).map((key): [FieldSection, string] => [section, key]));
}

/** Hands out names; a second claim on one name is an error that names both claimants. */
class NameRegistry {
  private readonly owners = new Map<string, string>();
  private readonly errors: LatticeError[];
  private readonly what: string;
  constructor(errors: LatticeError[], what: string) {
    this.errors = errors;
    this.what = what;
  }
  claim(name: string, owner: string, location: ErrorLocation): boolean {
    const previous = this.owners.get(name);
    if (previous === undefined) {
      this.owners.set(name, owner);
      return true;
    }
    this.errors.push(
      new LatticeError(ErrorCodes.NAME_COLLISION, `${owner} and ${previous} both become the GraphQL ${this.what} "${name}"; rename one of them`, {
        location,
        details: { name },
      }),
    );
    return false;
  }
}
