/**
 * mergeEntity: one entity from its layers, by identifier. The catalog (files and API writes) is
 * the base layer; sources fill in after it, in the order lattice.yaml lists them. A value that is
 * set by a layer is kept; a later layer that sets it to something else is a conflict: reported on
 * the entity (`conflicts`), never silently overwritten.
 *
 * An entity that only one source gives (no catalog entry, one layer, no empty values, no relation
 * queries, no repeated team) is served as that layer is: its properties, relations and team are
 * shared with the source's entity, not copied, and its `sources` list is shared by every such
 * entity of the snapshot, so a watched pod's merge costs one object, not a copy of the pod.
 */
import type { Entity, EntityInput, RelationValue } from '../model/entities/entity.ts';
import type { RuleQuery } from '../model/query/portRules.ts';
import type { EntitySourceInfo, SourceSnapshot } from './Source.ts';

export interface Conflict {
  /** "properties.url", "relations.system" or "title". */
  readonly field: string;
  readonly values: readonly { readonly source: string; readonly value: unknown }[];
}

/** An entity as served: merged from its layers, with where each part came from. */
export interface ServedEntity extends Entity {
  readonly sources: readonly EntitySourceInfo[];
  readonly conflicts: readonly Conflict[];
  /** Sources feeding this blueprint that could not answer: their fields are errors, not nulls. */
  readonly unavailable: readonly { readonly source: string; readonly error: unknown }[];
}

export interface Layer {
  readonly source: string;
  readonly entity: EntityInput;
  readonly snapshot: SourceSnapshot;
}

export const CATALOG_SOURCE = 'catalog';

const NO_CONFLICTS: readonly Conflict[] = Object.freeze([]);

/** Per snapshot and source: the `sources` list and the time every entity it alone gives shares. */
const shared = new WeakMap<SourceSnapshot, Map<string, { readonly sources: readonly EntitySourceInfo[]; readonly at: string }>>();

function sharedOf(source: string, snapshot: SourceSnapshot) {
  let bySource = shared.get(snapshot);
  if (!bySource) shared.set(snapshot, (bySource = new Map()));
  let s = bySource.get(source);
  if (!s) {
    const at = snapshot.fetchedAt.toISOString();
    bySource.set(source, (s = { sources: Object.freeze([{ name: source, fetchedAt: at, stale: snapshot.stale }]), at }));
  }
  return s;
}

/** A layer that can be served as it is: nothing to drop (empty values), resolve (queries) or merge (repeated team). */
function servedAsIs(entity: EntityInput): boolean {
  if (entity.relationQueries !== undefined || entity.title === undefined) return false;
  for (const v of Object.values(entity.properties)) if (v === null || v === undefined) return false;
  for (const v of Object.values(entity.relations)) if (v === null || v === undefined) return false;
  return new Set(entity.team).size === entity.team.length;
}

export function mergeEntity(base: Entity | undefined, layers: readonly Layer[], unavailable: ServedEntity['unavailable']): ServedEntity {
  if (!base && layers.length === 1 && servedAsIs(layers[0].entity)) {
    const { entity, source, snapshot } = layers[0];
    const { sources, at } = sharedOf(source, snapshot);
    return {
      blueprint: entity.blueprint,
      identifier: entity.identifier,
      title: entity.title,
      icon: entity.icon,
      team: entity.team,
      properties: entity.properties,
      relations: entity.relations,
      createdAt: at,
      updatedAt: at,
      origin: entity.origin,
      sources,
      conflicts: NO_CONFLICTS,
      unavailable,
    };
  }
  const first = base ?? layers[0]?.entity;
  if (!first) throw new Error('mergeEntity needs a base or a layer');
  const sources: EntitySourceInfo[] = base ? [{ name: CATALOG_SOURCE, fetchedAt: base.updatedAt, stale: false }] : [];
  const conflicts = new Map<string, { source: string; value: unknown }[]>();
  const owner = new Map<string, string>();
  const properties: Record<string, unknown> = { ...(base?.properties ?? {}) };
  const relations: Record<string, RelationValue> = { ...(base?.relations ?? {}) };
  let title = base?.title ?? null;
  let icon = base?.icon ?? null;
  const team = new Set(base?.team ?? []);
  for (const k of Object.keys(properties)) owner.set(`properties.${k}`, CATALOG_SOURCE);
  for (const k of Object.keys(relations)) owner.set(`relations.${k}`, CATALOG_SOURCE);
  if (title !== null) owner.set('title', CATALOG_SOURCE);

  const take = (field: string, current: unknown, value: unknown, source: string, set: () => void) => {
    if (value === null || value === undefined) return;
    if (current === null || current === undefined) {
      set();
      owner.set(field, source);
      return;
    }
    if (JSON.stringify(current) === JSON.stringify(value)) return;
    const list = conflicts.get(field) ?? [{ source: owner.get(field) ?? CATALOG_SOURCE, value: current }];
    list.push({ source, value });
    conflicts.set(field, list);
  };

  const queries: Record<string, RuleQuery> = {};
  for (const { source, entity, snapshot } of layers) {
    // A relation given as a search query stays a query for the reader to resolve, unless a layer sets it.
    for (const [k, q] of Object.entries(entity.relationQueries ?? {})) if (!(k in queries)) queries[k] = q;
    if (!sources.some((s) => s.name === source)) sources.push({ name: source, fetchedAt: snapshot.fetchedAt.toISOString(), stale: snapshot.stale });
    take('title', title, entity.title, source, () => (title = entity.title));
    if (icon === null) icon = entity.icon;
    for (const t of entity.team) team.add(t);
    for (const [k, v] of Object.entries(entity.properties)) take(`properties.${k}`, properties[k], v, source, () => (properties[k] = v));
    for (const [k, v] of Object.entries(entity.relations)) take(`relations.${k}`, relations[k], v, source, () => (relations[k] = v));
  }
  const fetchedAt = layers[0]?.snapshot.fetchedAt.toISOString();
  return {
    blueprint: first.blueprint,
    identifier: first.identifier,
    title,
    icon,
    team: [...team],
    properties,
    relations,
    ...(Object.keys(queries).some((k) => relations[k] === undefined) ? { relationQueries: Object.fromEntries(Object.entries(queries).filter(([k]) => relations[k] === undefined)) } : {}),
    createdAt: base?.createdAt ?? fetchedAt ?? new Date(0).toISOString(),
    updatedAt: base?.updatedAt ?? fetchedAt ?? new Date(0).toISOString(),
    origin: base?.origin ?? first.origin,
    sources,
    conflicts: conflicts.size ? [...conflicts].map(([field, values]) => ({ field, values })) : NO_CONFLICTS,
    unavailable,
  };
}
