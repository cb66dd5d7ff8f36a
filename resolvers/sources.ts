/**
 * Resolvers of `lattice { sources }` (SDL: src/schema/sourceStatus.ts): every configured source
 * with its kind, and the parts that fail on their own (Kubernetes clusters) from `status()`.
 * A part whose entities are missing answers `entities` with an UPSTREAM_UNAVAILABLE error naming
 * the source and the cluster.
 */
import type { Source, SourcePartStatus } from '../src/data/Source.ts';
import { ErrorCodes, LatticeError } from '../src/errors/index.ts';

export interface SourceEntry {
  readonly kind: string;
  readonly source: Source;
}

interface ClusterParent extends SourcePartStatus {
  readonly source: string;
}

export function sourceStatusResolvers(entries: readonly SourceEntry[]) {
  return {
    Lattice: {
      sources: () =>
        entries.map(({ kind, source }) => {
          const status = source.status?.() ?? { synced: true, parts: [] };
          return { name: source.name, kind, synced: status.synced, clusters: status.parts.map((c): ClusterParent => ({ ...c, source: source.name })) };
        }),
    },
    LatticeSourceCluster: {
      entities: (c: ClusterParent) => {
        if (c.served) return c.entities;
        throw new LatticeError(ErrorCodes.UPSTREAM_UNAVAILABLE, `Kubernetes cluster "${c.name}" (source "${c.source}") is unavailable: ${c.error ?? 'not synced yet'}`, {
          details: { source: c.source, cluster: c.name },
        });
      },
    },
  };
}
