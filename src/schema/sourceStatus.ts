/**
 * The SDL of `lattice { sources { name kind synced clusters { name synced entities error } } }`:
 * the live sources and their state, added to the schema when sources are configured (its
 * resolvers are resolvers/sources.ts).
 *
 * Per-part failure is reported here. A Kubernetes cluster that cannot be reached costs only its
 * own entities: queries serve the other clusters' entities, and the cluster's `entities` count is
 * null with a GraphQL error at its path, code UPSTREAM_UNAVAILABLE, whose extensions name the
 * `source` and the `cluster` (the rule for partial failure: a field a failed upstream fills is an
 * error, not a null). A dashboard selects it next to its workloads.
 */
export const SOURCE_STATUS_SDL = `
"A live source (\`sources:\` in lattice.yaml) and its state."
type LatticeSource {
  "The source's name in the configuration."
  name: String!
  "The source's kind: github, kubernetes, aws, terraform."
  kind: String!
  "False while a watched source is syncing or part of it is failing; sources read on demand (GitHub) are always true."
  synced: Boolean!
  "Kubernetes: one per configured cluster. Empty for other kinds."
  clusters: [LatticeSourceCluster!]!
}

"A cluster of a Kubernetes source."
type LatticeSourceCluster {
  "The cluster's name in the source's configuration."
  name: String!
  "Every resource kind listed and watched, with no failure."
  synced: Boolean!
  "The entities served from this cluster. Null, with an UPSTREAM_UNAVAILABLE error naming the source and the cluster, while its entities are missing from answers."
  entities: Int
  "Why the cluster is failing (per resource kind), or null."
  error: String
}

extend type Lattice {
  "The live sources and their state (per cluster for Kubernetes)."
  sources: [LatticeSource!]!
}
`;
