/**
 * mergeEntity's two paths give the same entity: one source's entity with nothing to drop or merge
 * is served as it is (its objects shared, its `sources` list shared per snapshot); the same entity
 * with an empty value or a repeated team member goes through the general merge, which drops and
 * merges them, and must come out equal.
 */
import { describe, expect, it } from 'vitest';
import type { EntityInput } from '../../src/model/entities/entity.ts';
import { mergeEntity, type Layer } from '../../src/data/merge.ts';
import type { SourceSnapshot } from '../../src/data/Source.ts';

const pod: EntityInput = {
  blueprint: 'Pod',
  identifier: 'prod/load/load-1',
  title: 'load-1',
  icon: null,
  team: ['sre'],
  properties: { phase: 'Running', restarts: 2, images: ['a:1'] },
  relations: { component: 'LoadService1', workload: 'prod/load/w' },
  origin: 'source:k8s',
};
const snapshot: SourceSnapshot = { entities: [pod], fetchedAt: new Date('2026-12-06T01:02:03.000Z'), stale: false };
const layer = (entity: EntityInput): Layer => ({ source: 'k8s', entity, snapshot });

describe('mergeEntity', () => {
  it('serves one source entity as it is, equal to the general merge of the same entity', () => {
    const asIs = mergeEntity(undefined, [layer(pod)], []);
    const general = mergeEntity(undefined, [layer({ ...pod, team: ['sre', 'sre'], properties: { ...pod.properties, empty: null } })], []);
    expect(asIs).toEqual(general);
    expect(asIs).toEqual({
      ...pod,
      createdAt: '2026-12-06T01:02:03.000Z',
      updatedAt: '2026-12-06T01:02:03.000Z',
      sources: [{ name: 'k8s', fetchedAt: '2026-12-06T01:02:03.000Z', stale: false }],
      conflicts: [],
      unavailable: [],
    });
    // Shared, not copied: the pod's objects, and one `sources` list per snapshot and source.
    expect(asIs.properties).toBe(pod.properties);
    expect(mergeEntity(undefined, [layer({ ...pod, identifier: 'other' })], []).sources).toBe(asIs.sources);
  });

  it('merges a catalog entry and a source layer in full (conflicts reported)', () => {
    const base = { ...pod, origin: 'api', properties: { phase: 'Pending' }, relations: {}, createdAt: 'c', updatedAt: 'u' };
    const merged = mergeEntity(base, [layer(pod)], []);
    expect(merged.properties).toEqual({ phase: 'Pending', restarts: 2, images: ['a:1'] });
    expect(merged.conflicts).toEqual([{ field: 'properties.phase', values: [{ source: 'catalog', value: 'Pending' }, { source: 'k8s', value: 'Running' }] }]);
    expect(merged.sources.map((s) => s.name)).toEqual(['catalog', 'k8s']);
  });
});
