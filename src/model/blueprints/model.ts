/**
 * The blueprint model: Port's blueprint format as typed, validated data.
 *
 * A Blueprint here is exactly what the file said (Port's keys and values, unknown keys kept in
 * `raw`), plus where it came from so later stages can point errors back into the file.
 */
import type { ErrorLocation } from '../../errors/index.ts';
import type { CatalogPermissions } from './permissions.ts';

export type PropertyType = 'string' | 'number' | 'boolean' | 'object' | 'array';

export interface PropertyDef {
  readonly type: PropertyType;
  readonly title?: string;
  readonly description?: string;
  readonly icon?: string;
  readonly format?: string;
  readonly enum?: readonly (string | number | boolean | null)[];
  readonly enumColors?: Readonly<Record<string, string>>;
  readonly default?: unknown;
  /** Format `entity`: the blueprint whose entities the values name. */
  readonly blueprint?: string;
  /** How Port renders the value: `open-api`, `async-api`, `embedded-url`. */
  readonly spec?: string;
  /** An array's items; Port allows an array without `items` (any values). */
  readonly items?: ItemsDef;
  readonly [extra: string]: unknown;
}

export interface ItemsDef {
  readonly type: Exclude<PropertyType, 'array'>;
  readonly format?: string;
  readonly blueprint?: string;
  readonly enum?: readonly unknown[];
  readonly [extra: string]: unknown;
}

export interface RelationDef {
  readonly target: string;
  readonly title?: string;
  readonly description?: string;
  readonly required: boolean;
  readonly many: boolean;
  /** Lattice extension: the name of the reverse field on the target type. */
  readonly inverse?: string;
}

export interface MirrorPropertyDef {
  readonly title?: string;
  /** Relation identifiers joined by dots, ending in a property or a meta field ($title…). */
  readonly path: string;
}

export interface CalculationPropertyDef {
  readonly title?: string;
  readonly description?: string;
  /** A jq expression (the product's expression language) over the entity as Port gives it. */
  readonly calculation: string;
  readonly type: PropertyType;
  readonly format?: string;
}

export type AggregationFunc = 'count' | 'sum' | 'min' | 'max' | 'average' | 'median';

export interface AggregationPropertyDef {
  readonly title?: string;
  readonly description?: string;
  readonly type?: 'number';
  readonly target: string;
  readonly calculationSpec:
    | { readonly calculationBy: 'entities'; readonly func: 'count' }
    | { readonly calculationBy: 'property'; readonly func: Exclude<AggregationFunc, 'count'>; readonly property: string };
  /** Port's rule language: only target entities matching it are aggregated. */
  readonly query?: unknown;
  /** The relation path from the target blueprint to this one; found automatically when absent. */
  readonly pathFilter?: readonly { readonly path: readonly string[]; readonly fromBlueprint?: string }[];
}

export interface Blueprint {
  readonly identifier: string;
  readonly title: string;
  readonly icon?: string;
  readonly description?: string;
  readonly properties: Readonly<Record<string, PropertyDef>>;
  readonly required: readonly string[];
  readonly relations: Readonly<Record<string, RelationDef>>;
  readonly mirrorProperties: Readonly<Record<string, MirrorPropertyDef>>;
  readonly calculationProperties: Readonly<Record<string, CalculationPropertyDef>>;
  readonly aggregationProperties: Readonly<Record<string, AggregationPropertyDef>>;
  /** Who may register, update and unregister entities through the API (permissions.ts); Admin only when not written. */
  readonly permissions: CatalogPermissions;
  /** The blueprint as written, unknown keys included. */
  readonly raw: Readonly<Record<string, unknown>>;
  /** Where the blueprint was written; `locate` maps a pointer relative to the blueprint. */
  readonly origin: BlueprintOrigin;
}

export interface BlueprintOrigin {
  readonly file: string;
  /** The blueprint's own pointer inside the file ("" for a file holding one blueprint). */
  readonly pointer: string;
  locate(pointer: string): ErrorLocation;
}

/** All blueprints, in a stable order (by identifier). */
export interface BlueprintModel {
  readonly blueprints: readonly Blueprint[];
  get(identifier: string): Blueprint | undefined;
}

export function createModel(blueprints: readonly Blueprint[]): BlueprintModel {
  const sorted = [...blueprints].sort((a, b) => (a.identifier < b.identifier ? -1 : a.identifier > b.identifier ? 1 : 0));
  const byId = new Map(sorted.map((b) => [b.identifier, b]));
  return { blueprints: sorted, get: (id) => byId.get(id) };
}

/** Meta fields every entity has; property names may not land on them. */
export const META_FIELDS = ['id', 'identifier', 'title', 'icon', 'team', 'blueprint', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'properties', 'relations', 'source', 'sources', 'conflicts', 'scorecards'] as const;

/**
 * Port's meta properties: what a mirror path, a search rule, an orderBy, a calculation or a
 * permission can name with a leading `$`. THE list: everything that accepts meta properties
 * reads it from here.
 */
export const META_PROPERTIES = ['$identifier', '$title', '$icon', '$team', '$blueprint', '$createdAt', '$updatedAt', '$createdBy', '$updatedBy'] as const;

export type MetaProperty = (typeof META_PROPERTIES)[number];

export function isMetaProperty(key: string): key is MetaProperty {
  return (META_PROPERTIES as readonly string[]).includes(key);
}
