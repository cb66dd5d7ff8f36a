/**
 * An entity's relation neighbourhood, both directions, from the relation fields the API already
 * serves: for a blueprint, one query asks the entity's forward relations (its `fieldName`s) and
 * the reverse ones other blueprints point here with (their `reverseFieldName`s), each under an alias
 * that says which relation and direction it is; `readNeighbourhood` turns the answer into nodes and
 * edges (an edge always points from the entity that holds the relation to its target). Pure: no
 * fetching, no drawing. Many-relations are read PAGE_SIZE at a time, with their totalCount, so a
 * hub with thousands of dependents costs one bounded page.
 */
import type { BlueprintInfo } from '../blueprints.ts';
import { entityKey, type EntityRef } from '../selection.ts';

export const PAGE_SIZE = 50;

export interface GraphNode extends EntityRef {
  readonly title: string | null;
}

export interface GraphEdge {
  /** The entity holding the relation. */
  readonly source: string;
  readonly target: string;
  readonly relation: string;
}

export interface Neighbourhood {
  readonly center: GraphNode;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** Relations with more entities than one page shows: `relation` (direction) → how many are not shown. */
  readonly hidden: readonly { readonly relation: string; readonly direction: 'out' | 'in'; readonly count: number }[];
}

interface RelationField {
  readonly alias: string;
  readonly field: string;
  readonly relation: string;
  readonly direction: 'out' | 'in';
  readonly many: boolean;
}

export interface NeighbourhoodQuery {
  readonly query: string;
  readonly fields: readonly RelationField[];
}

const ENTITY_FIELDS = 'blueprint identifier title';

/** The query for one entity of `blueprint` and its neighbours; variables `$blueprint`, `$identifier`. */
export function neighbourhoodQuery(blueprints: readonly BlueprintInfo[], blueprint: string): NeighbourhoodQuery {
  const own = blueprints.find((b) => b.identifier === blueprint);
  if (!own) throw new Error(`no blueprint "${blueprint}" in the model (known: ${blueprints.map((b) => b.identifier).join(', ')})`);
  const fields: RelationField[] = [
    ...own.relations.map((r, i) => ({ alias: `out${i}`, field: r.fieldName, relation: r.identifier, direction: 'out' as const, many: r.many })),
    ...blueprints.flatMap((b) => b.relations.filter((r) => r.target === blueprint).map((r) => ({ field: r.reverseFieldName, relation: r.identifier, direction: 'in' as const, many: true }))).map((f, i) => ({ ...f, alias: `in${i}` })),
  ];
  const selections = fields.map((f) => (f.many ? `${f.alias}: ${f.field}(first: ${PAGE_SIZE}) { totalCount nodes { ${ENTITY_FIELDS} } }` : `${f.alias}: ${f.field} { ${ENTITY_FIELDS} }`));
  const query = `query LatticeNeighbourhood($blueprint: BlueprintIdentifier!, $identifier: String!) {
  entity(blueprint: $blueprint, identifier: $identifier) {
    ${ENTITY_FIELDS}${selections.length ? `\n    ... on ${own.typeName} {\n      ${selections.join('\n      ')}\n    }` : ''}
  }
}`;
  return { query, fields };
}

type Answer = GraphNode & Record<string, unknown>;
interface Page {
  totalCount?: number;
  nodes?: (GraphNode | null)[];
}

/** The nodes and edges of an answer to `neighbourhoodQuery` (`entity`: the `entity` field's value). */
export function readNeighbourhood(q: NeighbourhoodQuery, entity: Answer): Neighbourhood {
  const center: GraphNode = { blueprint: entity.blueprint, identifier: entity.identifier, title: entity.title ?? null };
  const nodes = new Map<string, GraphNode>([[entityKey(center), center]]);
  const edges = new Map<string, GraphEdge>();
  const hidden: { relation: string; direction: 'out' | 'in'; count: number }[] = [];
  for (const f of q.fields) {
    const value = entity[f.alias] as GraphNode | Page | null | undefined;
    if (!value) continue;
    const page = f.many ? (value as Page) : { nodes: [value as GraphNode] };
    const others = (page.nodes ?? []).filter((n): n is GraphNode => n !== null);
    if (f.many && typeof page.totalCount === 'number' && page.totalCount > others.length) hidden.push({ relation: f.relation, direction: f.direction, count: page.totalCount - others.length });
    for (const other of others) {
      const node: GraphNode = { blueprint: other.blueprint, identifier: other.identifier, title: other.title ?? null };
      nodes.set(entityKey(node), node);
      const [source, target] = f.direction === 'out' ? [center, node] : [node, center];
      const edge = { source: entityKey(source), target: entityKey(target), relation: f.relation };
      edges.set(`${edge.source}|${edge.relation}|${edge.target}`, edge);
    }
  }
  return { center, nodes: [...nodes.values()], edges: [...edges.values()], hidden };
}
