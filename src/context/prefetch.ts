/**
 * Look-ahead: before a list of entities is handed to graphql-js, load what their selected
 * relation and reverse-relation fields will ask for, in one batch per field (the same store calls
 * DataLoader would make). Those fields then find their data already loaded and answer without
 * a promise: graphql-js's per-promise cost is most of a query's time (bench/README.md).
 */
import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { RequestContext } from './index.ts';
import type { Entity } from '../model/entities/entity.ts';
import { isMissing, type Item } from '../model/query/order.ts';
import type { FieldPlan, SchemaPlan, TypePlan } from '../schema/plan.ts';
import { entitiesOf, peekElseLoad, referencesOf } from './peekElseLoad.ts';

/** Field names selected on `selection`, through fragments. */
function fieldNames(selection: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, out = new Set<string>()): Set<string> {
  for (const s of selection?.selections ?? []) {
    if (s.kind === Kind.FIELD) out.add(s.name.value);
    else if (s.kind === Kind.INLINE_FRAGMENT) fieldNames(s.selectionSet, fragments, out);
    else if (s.kind === Kind.FRAGMENT_SPREAD) fieldNames(fragments[s.name.value]?.selectionSet, fragments, out);
  }
  return out;
}

/*
 * The two walks below depend only on the document (its selection nodes and fragments), which
 * Apollo's document cache keeps between requests: their answers are kept weakly on the nodes,
 * computed once per document instead of once per request and level (bench/README.md, issue 11).
 */
const nodeSelectionsOf = new WeakMap<readonly FieldNode[], readonly SelectionSetNode[]>();
const fieldsByNameOf = new WeakMap<SelectionSetNode, ReadonlyMap<string, readonly FieldNode[]>>();

/** The selection sets under `nodes` and `edges { node }` of a connection field. */
function nodeSelections(fields: readonly FieldNode[], fragments: Record<string, FragmentDefinitionNode>): readonly SelectionSetNode[] {
  let sets = nodeSelectionsOf.get(fields);
  if (!sets) nodeSelectionsOf.set(fields, (sets = collectNodeSelections(fields, fragments)));
  return sets;
}

function collectNodeSelections(fields: readonly FieldNode[], fragments: Record<string, FragmentDefinitionNode>): SelectionSetNode[] {
  const out: SelectionSetNode[] = [];
  const walk = (set: SelectionSetNode | undefined, names: readonly string[]) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet, names);
      else if (s.kind === Kind.FRAGMENT_SPREAD) walk(fragments[s.name.value]?.selectionSet, names);
      else if (s.kind === Kind.FIELD && s.name.value === names[0]) {
        if (names.length === 1) {
          if (s.selectionSet) out.push(s.selectionSet);
        } else walk(s.selectionSet, names.slice(1));
      }
    }
  };
  for (const f of fields) {
    walk(f.selectionSet, ['nodes']);
    walk(f.selectionSet, ['edges', 'node']);
  }
  return out;
}

/** Field nodes selected on the selection sets, by field name, through fragments. */
function fieldsByName(sets: readonly SelectionSetNode[], fragments: Record<string, FragmentDefinitionNode>): ReadonlyMap<string, readonly FieldNode[]> {
  if (sets.length !== 1) return collectFieldsByName(sets, fragments);
  let byName = fieldsByNameOf.get(sets[0]);
  if (!byName) fieldsByNameOf.set(sets[0], (byName = collectFieldsByName(sets, fragments)));
  return byName;
}

function collectFieldsByName(sets: readonly SelectionSetNode[], fragments: Record<string, FragmentDefinitionNode>): Map<string, FieldNode[]> {
  const out = new Map<string, FieldNode[]>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) out.set(s.name.value, [...(out.get(s.name.value) ?? []), s]);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (s.kind === Kind.FRAGMENT_SPREAD) walk(fragments[s.name.value]?.selectionSet);
    }
  };
  for (const set of sets) walk(set);
  return out;
}

/** The relation and reverse fields of a type that a selection selects (what the look-ahead loads). */
type Linked = Extract<FieldPlan, { readonly kind: 'relation' | 'reverse' }>;

// selection (its field names) → type → its selected relation and reverse fields: found once, not per request and level.
const linkedOf = new WeakMap<object, Map<TypePlan, readonly Linked[]>>();

function linkedFields(selected: ReadonlySet<string> | ReadonlyMap<string, unknown>, type: TypePlan): readonly Linked[] {
  let byType = linkedOf.get(selected);
  if (!byType) linkedOf.set(selected, (byType = new Map()));
  let linked = byType.get(type);
  if (!linked) byType.set(type, (linked = type.fields.filter((f): f is Linked => (f.kind === 'relation' || f.kind === 'reverse') && selected.has(f.name))));
  return linked;
}

/** Adds the targets of `entity`'s relation `key` to `out` (relationTargets without an array per entity). */
function addTargets(entity: Entity, key: string, out: Set<string>): void {
  const value = entity.relations[key];
  if (typeof value === 'string') out.add(value);
  else if (value) for (const id of value) out.add(id);
}

const MAX_DEPTH = 6;

/** What one look-ahead shares at every level: the plan, the request, the operation's fragments. */
interface Walk {
  readonly plan: SchemaPlan;
  readonly ctx: RequestContext;
  readonly fragments: Record<string, FragmentDefinitionNode>;
}

/** One level of the look-ahead: entities of one type and the selection sets below them. */
interface Level {
  readonly entities: readonly Entity[];
  readonly sets: readonly SelectionSetNode[];
  readonly type: TypePlan;
  readonly depth: number;
}

const isEntity = (e: Entity | null | undefined): e is Entity => !!e;

/**
 * Loads, level by level, what the selection below `entities` will ask for: one batch per
 * relation field per level, as DataLoader would. It does not descend into a connection that
 * takes arguments (filter, paging): that field prefetches for its own page when it resolves.
 */
async function prefetchTree({ entities, sets, type, depth }: Level, walk: Walk): Promise<void> {
  if (entities.length === 0 || sets.length === 0 || depth > MAX_DEPTH) return;
  const { plan, ctx, fragments } = walk;
  const selected = fieldsByName(sets, fragments);
  const jobs: Promise<void>[] = [];
  for (const f of linkedFields(selected, type)) {
    const nodes = selected.get(f.name) as readonly FieldNode[];
    const below = (target: TypePlan, many: boolean, loaded: readonly Entity[]) => {
      if (many && nodes.some((n) => (n.arguments?.length ?? 0) > 0)) return Promise.resolve();
      const sub = many ? nodeSelections(nodes, fragments) : nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
      return prefetchTree({ entities: loaded, sets: sub, type: target, depth: depth + 1 }, walk);
    };
    if (f.kind === 'relation') {
      jobs.push(
        (async () => {
          const targets = new Set<string>();
          for (const e of entities) addTargets(e, f.key, targets);
          const ids = [...targets];
          const found = await peekElseLoad(ctx.loaders, entitiesOf(f.target, 'settle'), ids);
          await below(plan.type(f.target), f.def.many, found.filter(isEntity));
        })(),
      );
    } else {
      jobs.push(
        (async () => {
          const found = await peekElseLoad(ctx.loaders, referencesOf(f.source, f.relation, 'settle'), entities.map((e) => e.identifier));
          await below(plan.type(f.source), true, found.flatMap((list) => list ?? []));
        })(),
      );
    }
  }
  await Promise.all(jobs);
}

/** True when every relation selected right below the entities is loaded already. */
function levelLoaded(entities: readonly Entity[], selected: ReadonlySet<string>, type: TypePlan, ctx: RequestContext): boolean {
  const { loaders } = ctx;
  for (const f of linkedFields(selected, type)) {
    if (f.kind === 'relation') {
      for (const e of entities) {
        const value = e.relations[f.key];
        if (typeof value === 'string') {
          if (loaders.peek(f.target, value) === undefined) return false;
        } else if (value) {
          for (const id of value) if (loaders.peek(f.target, id) === undefined) return false;
        }
      }
    } else {
      for (const e of entities) if (loaders.peekReverse(f.source, f.relation, e.identifier) === undefined) return false;
    }
  }
  return true;
}

/** Where a look-ahead starts: a field of `type` that resolved to entities, in the request `ctx`. */
interface Start {
  readonly plan: SchemaPlan;
  readonly type: TypePlan;
  readonly info: GraphQLResolveInfo;
  readonly ctx: RequestContext;
}

// graphql-js hands every item of a list the same fieldNodes array: compute its selection once.
const connectionSelections = new WeakMap<readonly FieldNode[], Set<string>>();

/** For a connection field: prefetch below the items of the page, as its `nodes`/`edges` select them. */
export function prefetchForConnection({ plan, items, info, type, ctx }: Start & { readonly items: readonly Item[] }): Promise<unknown> | undefined {
  if (items.length === 0) return undefined;
  let selected = connectionSelections.get(info.fieldNodes);
  if (!selected) {
    selected = new Set<string>();
    for (const set of nodeSelections(info.fieldNodes, info.fragments)) fieldNames(set, info.fragments, selected);
    connectionSelections.set(info.fieldNodes, selected);
  }
  const entities = items.some(isMissing) ? items.filter((i): i is Entity => !isMissing(i)) : (items as readonly Entity[]);
  if (levelLoaded(entities, selected, type, ctx)) return undefined;
  return prefetchTree({ entities, sets: nodeSelections(info.fieldNodes, info.fragments), type, depth: 0 }, { plan, ctx, fragments: info.fragments });
}

/** For a field returning one entity: prefetch below it, as the field's own selection selects. */
export function prefetchForEntity({ plan, entity, info, type, ctx }: Start & { readonly entity: Entity }): Promise<unknown> {
  return prefetchTree({ entities: [entity], sets: info.fieldNodes.flatMap((f) => (f.selectionSet ? [f.selectionSet] : [])), type, depth: 0 }, { plan, ctx, fragments: info.fragments });
}
