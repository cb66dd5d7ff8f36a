/**
 * Draws a catalog graph with Cytoscape.js and its dagre layout (left to right: an entity's
 * dependencies to its right, its dependents to its left). The drawing follows its props: a click
 * that expands a node adds elements, so the picture grows in place, and a new picture (another
 * entity picked) removes what it no longer has; the layout runs again after each change.
 * The Cytoscape instance is also `window.latticeCatalogGraph` (for the browser tests and for
 * anyone who wants to script the graph from the console).
 */
import cytoscape, { type Core } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { useEffect, useRef } from 'react';
import type { GraphEdge, GraphNode } from './neighbourhood.ts';
import { entityKey } from '../selection.ts';

cytoscape.use(dagre);

declare global {
  interface Window {
    latticeCatalogGraph?: Core;
  }
}

const edgeId = (e: GraphEdge) => `${e.source}|${e.relation}|${e.target}`;

/** One colour per blueprint, stable across reloads (hue from the name). */
function colourOf(blueprint: string): string {
  let hue = 0;
  for (const ch of blueprint) hue = (hue * 31 + ch.charCodeAt(0)) % 360;
  return `hsl(${hue}, 55%, 45%)`;
}

export interface GraphViewProps {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly expanded: ReadonlySet<string>;
  readonly selected: string | null;
  readonly onNodeClick: (node: GraphNode) => void;
  /** A node's blueprint as people read it (its title), from its BlueprintIdentifier value. */
  readonly blueprintTitle: (blueprint: string) => string;
}

export function GraphView({ nodes, edges, expanded, selected, onNodeClick, blueprintTitle }: GraphViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const click = useRef(onNodeClick);
  click.current = onNodeClick;
  const titleOf = useRef(blueprintTitle);
  titleOf.current = blueprintTitle;

  useEffect(() => {
    const instance = cytoscape({
      container: container.current,
      minZoom: 0.2,
      maxZoom: 3,
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'background-color': 'data(colour)',
            color: '#fff',
            'text-outline-color': 'data(colour)',
            'text-outline-width': 2,
            'font-size': 12,
            'text-valign': 'center',
            'text-halign': 'center',
            shape: 'round-rectangle',
            width: 'data(width)',
            height: 34,
            'text-wrap': 'wrap',
          },
        },
        { selector: 'node.expanded', style: { 'border-width': 2, 'border-color': '#222' } },
        { selector: 'node.selected', style: { 'border-width': 4, 'border-color': '#f5a623' } },
        {
          selector: 'edge',
          style: {
            label: 'data(relation)',
            'font-size': 9,
            color: '#666',
            'text-background-color': '#fff',
            'text-background-opacity': 0.8,
            'curve-style': 'bezier',
            'target-arrow-shape': 'triangle',
            width: 1.5,
            'line-color': '#999',
            'target-arrow-color': '#999',
          },
        },
      ],
    });
    instance.on('tap', 'node', (event) => click.current(event.target.data('entity') as GraphNode));
    cy.current = instance;
    window.latticeCatalogGraph = instance;
    return () => {
      if (window.latticeCatalogGraph === instance) delete window.latticeCatalogGraph;
      instance.destroy();
      cy.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    let changed = false;
    instance.batch(() => {
      // A new picture (another entity picked) drops what is not in it.
      const keep = new Set([...nodes.map(entityKey), ...edges.map(edgeId)]);
      changed = instance.elements().filter((el) => !keep.has(el.id())).remove().nonempty();
      for (const node of nodes) {
        const id = entityKey(node);
        if (instance.getElementById(id).nonempty()) continue;
        const label = `${node.title ?? node.identifier}\n${titleOf.current(node.blueprint)}`;
        const width = 16 + 7 * Math.max(...label.split('\n').map((l) => l.length));
        instance.add({ group: 'nodes', data: { id, label, width, colour: colourOf(node.blueprint), entity: node } });
        changed = true;
      }
      for (const edge of edges) {
        const id = edgeId(edge);
        if (instance.getElementById(id).nonempty()) continue;
        instance.add({ group: 'edges', data: { id, source: edge.source, target: edge.target, relation: edge.relation } });
        changed = true;
      }
      instance.nodes().forEach((n) => {
        n.toggleClass('expanded', expanded.has(n.id()));
        n.toggleClass('selected', n.id() === selected);
      });
    });
    if (changed) instance.layout({ name: 'dagre', rankDir: 'LR', nodeSep: 20, rankSep: 70, animate: false, fit: true, padding: 20 } as cytoscape.LayoutOptions).run();
  }, [nodes, edges, expanded, selected]);

  return <div ref={container} className="lattice-graph-canvas" data-testid="catalog-graph" />;
}
