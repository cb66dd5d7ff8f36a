/**
 * The Catalog graph plugin: pick an entity (or click one in the graph) and see what it relates to
 * and what relates to it; clicking a node expands its own neighbourhood into the same picture and
 * selects it for the Actions plugin. Beside the drawing, the same neighbours as a list of links
 * (keyboard and screen-reader friendly, and copyable).
 */
import type { GraphiQLPlugin } from '@graphiql/react';
import { useCallback, useEffect, useState } from 'react';
import { useBlueprints, type BlueprintInfo } from '../blueprints.ts';
import { EntityPicker } from '../EntityPicker.tsx';
import { firstError, useLattice, type Lattice } from '../lattice.ts';
import { entityKey, selectEntity, useSelectedEntity, type EntityRef } from '../selection.ts';
import { GraphView } from './GraphView.tsx';
import { neighbourhoodQuery, readNeighbourhood, type GraphEdge, type GraphNode, type Neighbourhood } from './neighbourhood.ts';

interface GraphState {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly expanded: ReadonlySet<string>;
  readonly notes: readonly string[];
}

const EMPTY: GraphState = { nodes: [], edges: [], expanded: new Set(), notes: [] };

async function fetchNeighbourhood(lattice: Lattice, blueprints: readonly BlueprintInfo[], entity: EntityRef): Promise<Neighbourhood> {
  const q = neighbourhoodQuery(blueprints, entity.blueprint);
  const result = await lattice.request<{ entity: Parameters<typeof readNeighbourhood>[1] | null }>({ query: q.query, variables: { ...entity }, operationName: 'LatticeNeighbourhood' });
  if (!result.data?.entity) throw new Error(firstError(result) ?? `no ${entity.blueprint} "${entity.identifier}"`);
  return readNeighbourhood(q, result.data.entity);
}

function merge(state: GraphState, n: Neighbourhood): GraphState {
  const nodes = new Map(state.nodes.map((x) => [entityKey(x), x]));
  for (const x of n.nodes) nodes.set(entityKey(x), x);
  const edges = new Map(state.edges.map((e) => [`${e.source}|${e.relation}|${e.target}`, e]));
  for (const e of n.edges) edges.set(`${e.source}|${e.relation}|${e.target}`, e);
  const hidden = n.hidden.map((h) => `${entityKey(n.center)}: ${h.count} more by "${h.relation}" (${h.direction === 'out' ? 'dependencies' : 'dependents'}) not drawn`);
  return { nodes: [...nodes.values()], edges: [...edges.values()], expanded: new Set([...state.expanded, entityKey(n.center)]), notes: [...state.notes, ...hidden] };
}

function CatalogGraph() {
  const lattice = useLattice();
  const { blueprints, error: modelError } = useBlueprints();
  const selected = useSelectedEntity();
  const [root, setRoot] = useState<EntityRef | null>(null);
  const [graph, setGraph] = useState<GraphState>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const expand = useCallback(
    async (entity: EntityRef, fresh: boolean) => {
      if (!blueprints) return;
      setBusy(true);
      try {
        const n = await fetchNeighbourhood(lattice, blueprints, entity);
        setGraph((g) => merge(fresh ? EMPTY : g, n));
        setError(null);
      } catch (err) {
        setError((err as Error).message);
        if (fresh) setGraph(EMPTY);
      } finally {
        setBusy(false);
      }
    },
    [lattice, blueprints],
  );

  // A newly picked entity (the picker, or the Actions plugin's) starts a new picture unless it is already drawn.
  useEffect(() => {
    if (!selected || !blueprints) return;
    if (graph.nodes.some((n) => entityKey(n) === entityKey(selected))) return;
    setRoot(selected);
    void expand(selected, true);
  }, [selected, blueprints]);

  const onNodeClick = (node: GraphNode) => {
    selectEntity(node);
    if (!graph.expanded.has(entityKey(node))) void expand(node, false);
  };

  if (modelError) return <p className="lattice-error">Cannot read the model: {modelError}</p>;
  if (!blueprints) return <p>Loading the model…</p>;
  const byKey = new Map(graph.nodes.map((n) => [entityKey(n), n]));
  const selectedKey = selected ? entityKey(selected) : null;
  const blueprintTitle = (blueprint: string) => blueprints.find((b) => b.identifier === blueprint)?.title || blueprint;
  const around = selectedKey ? graph.edges.filter((e) => e.source === selectedKey || e.target === selectedKey) : [];
  return (
    <div className="lattice-plugin lattice-graph">
      <EntityPicker blueprints={blueprints} selected={selected} label="Show" />
      <p className="lattice-hint">
        Arrows point from the entity that holds a relation to its target: dependencies to the right, dependents to the left. Click a node to expand it and select it for Actions.
      </p>
      {error && <p className="lattice-error">{error}</p>}
      {busy && <p className="lattice-hint">Loading…</p>}
      <GraphView nodes={graph.nodes} edges={graph.edges} expanded={graph.expanded} selected={selectedKey} onNodeClick={onNodeClick} blueprintTitle={blueprintTitle} />
      {graph.notes.map((note) => (
        <p key={note} className="lattice-hint">
          {note}
        </p>
      ))}
      {selectedKey && byKey.has(selectedKey) && (
        <section aria-label="Relations of the selected entity">
          <h3>
            {byKey.get(selectedKey)!.title ?? selected!.identifier} <small>{blueprintTitle(selected!.blueprint)}</small>
            {root && entityKey(root) !== selectedKey && <small> (from {root.identifier})</small>}
          </h3>
          <ul className="lattice-relations">
            {around.map((e) => {
              const outgoing = e.source === selectedKey;
              const other = byKey.get(outgoing ? e.target : e.source)!;
              return (
                <li key={`${e.source}|${e.relation}|${e.target}`} data-direction={outgoing ? 'out' : 'in'}>
                  {outgoing ? `→ ${e.relation} → ` : `← ${e.relation} ← `}
                  <button type="button" className="lattice-link" onClick={() => onNodeClick(other)}>
                    {other.identifier}
                  </button>{' '}
                  <small>{blueprintTitle(other.blueprint)}</small>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </div>
  );
}

function GraphIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <circle cx="5" cy="12" r="2.5" />
      <circle cx="19" cy="5" r="2.5" />
      <circle cx="19" cy="19" r="2.5" />
      <path d="M7.3 11 16.7 6M7.3 13l9.4 5" />
    </svg>
  );
}

export const catalogGraphPlugin: GraphiQLPlugin = { title: 'Catalog graph', icon: GraphIcon, content: CatalogGraph };
