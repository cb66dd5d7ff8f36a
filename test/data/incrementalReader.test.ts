/**
 * The reader keeps a fed blueprint's merge current per change (issue 11, item 3): a Kubernetes
 * watch event, a catalog write (in-process and Redis store) and a deletion each re-merge only the
 * entities they changed, counted by the reader's work counter (`mergeCount`), the same at 100
 * and at 10,000 watched pods; a request with nothing changed merges nothing. What the incremental
 * view serves (entities and reverse relations) equals a fresh reader's full merge of the same
 * state; an unchanged request reads no list from the store. Real parts: the Kubernetes simulator over HTTP, the Kubernetes source, the stores (Redis
 * at the suite's Redis, a key prefix of its own).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { EntityStore } from '../../src/data/EntityStore.ts';
import { countCalls } from '../../src/data/countCalls.ts';
import type { EntityInput } from '../../src/model/entities/entity.ts';
import { MemoryEntityStore } from '../../src/data/memory/MemoryEntityStore.ts';
import { RedisEntityStore } from '../../src/data/redis/RedisEntityStore.ts';
import { createEntityReader } from '../../src/data/reader.ts';
import type { ServedEntity } from '../../src/data/merge.ts';
import type { EntityChange } from '../../src/data/topics.ts';
import { createKubernetesSource } from '../../datasources/kubernetes/source.ts';
import { kubeconfigFor } from '../simulators/kubernetes/kubeconfig.ts';
import { startKubernetesSimulator } from '../simulators/kubernetes/server.ts';
import { startGitHubSimulator } from '../simulators/github/server.ts';
import { loadConfig } from '../../src/config/index.ts';
import { MemoryCache } from '../../src/data/memory/MemoryCache.ts';
import { createSources } from '../../src/server/sources.ts';
import { ROOT } from '../helpers/lattice.ts';
import { deleteKeys, testRedisUrl } from '../helpers/redis.ts';

const log = pino({ level: 'silent' });
const PREFIX = `lattice-test:incremental:${randomUUID()}:`;
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((x) => x.close()));
});
afterAll(() => deleteKeys(testRedisUrl(), PREFIX));

const PODS = {
  kind: 'v1/pods',
  options: { labelSelector: 'backstage.io/kubernetes-id' },
  entity: {
    mappings: {
      identifier: '.cluster + "/" + .metadata.namespace + "/" + .metadata.name',
      blueprint: '"Pod"',
      properties: { phase: '.status.phase', tier: '.metadata.labels.tier' },
      relations: { component: '.metadata.labels["backstage.io/kubernetes-id"]' },
    },
  },
};

const stores: [string, () => Promise<EntityStore>][] = [
  ['in-process store', async () => new MemoryEntityStore()],
  ['Redis store', async () => RedisEntityStore.connect(testRedisUrl(), `${PREFIX}${randomUUID()}:`)],
];

async function setUp(extraPods: number, makeStore: () => Promise<EntityStore>) {
  const sim = await startKubernetesSimulator({ name: 'production', extraPods });
  open.push(sim);
  const changes: EntityChange[] = [];
  const waiters: { test: (c: EntityChange) => boolean; resolve: () => void }[] = [];
  const source = createKubernetesSource(
    { name: 'k8s', kind: 'kubernetes', options: { clusters: [{ name: 'prod', kubeconfig: kubeconfigFor(sim, { context: 'prod' }).yaml }], maxBackoffMs: 100 }, resources: [PODS], pointer: '/sources/0' },
    {
      log,
      onChange: (c) => {
        changes.push(c);
        for (const w of waiters.splice(0)) if (w.test(c)) w.resolve();
        else waiters.push(w);
      },
    },
  );
  open.push({ close: async () => source.close?.() });
  const store = countCalls(await makeStore());
  open.push({ close: () => store.close() });
  await source.ready();
  /** Resolves once the source reports a change of this entity. */
  const changed = (identifier: string) => new Promise<void>((resolve) => waiters.push({ test: (c) => c.identifier === identifier, resolve }));
  return { sim, source, store, reader: createEntityReader(store, [source]), changed };
}

/** What a reader serves for Pod, comparable across readers. */
async function served(reader: ReturnType<typeof createEntityReader>, components: readonly string[]) {
  const session = reader.session();
  const list = [...(await session.list('Pod'))].sort((a, b) => a.identifier.localeCompare(b.identifier));
  const reverse = (await session.findByRelation('Pod', 'component', components)).map((l) => l.map((e) => e.identifier).sort());
  return { list, reverse };
}

function catalogPod(identifier: string, owner: string): EntityInput {
  return { blueprint: 'Pod', identifier, title: null, icon: null, team: [owner], properties: { owner }, relations: {}, origin: 'api' };
}

describe.each(stores)('incremental merges, %s', (_name, makeStore) => {
  it.each([100, 10_000])('at %i extra pods, each change re-merges its own entities only', async (extraPods) => {
    const { sim, source, store, reader, changed } = await setUp(extraPods, makeStore);
    const components = ['LoadService1', 'LoadService7'];

    // The first read merges everything once; a read with nothing changed merges nothing.
    const first = await served(reader, components);
    expect(first.list.length).toBeGreaterThanOrEqual(extraPods);
    const full = reader.mergeCount();
    expect(full).toBe(first.list.length);
    const calls = store.counts().byMethod;
    await served(reader, components);
    expect(reader.mergeCount()).toBe(full);
    // Nor is the store's list read again: one look at its change log per blueprint and request.
    expect(store.counts().byMethod.list - calls.list).toBe(0);
    expect(store.counts().byMethod.changes - calls.changes).toBe(1);

    // A watch event: one pod relabelled, its reverse-index entries move with it.
    const name = (i: number) => `load-${String(i).padStart(String(extraPods - 1).length, '0')}`;
    const pod = `prod/load/${name(1)}`;
    const arrived = changed(pod);
    sim.patch('pods', 'load', name(1), { metadata: { labels: { 'backstage.io/kubernetes-id': 'LoadService7', tier: 'gold' } } });
    await arrived;
    let before = reader.mergeCount();
    const [relabelled] = await reader.session().getMany('Pod', [pod]);
    expect(relabelled?.relations.component).toBe('LoadService7');
    expect(relabelled?.properties.tier).toBe('gold');
    expect(reader.mergeCount() - before).toBe(1);
    const [toOne, toSeven] = await reader.session().findByRelation('Pod', 'component', components);
    expect(toOne.map((e) => e.identifier)).not.toContain(pod);
    expect(toSeven.map((e) => e.identifier)).toContain(pod);

    // A catalog write to the fed blueprint: the store's change log names it; it merges with the pod's layer.
    before = reader.mergeCount();
    await store.put([catalogPod(pod, 'team-a')]);
    const [withCatalog] = await reader.session().getMany('Pod', [pod]);
    expect(withCatalog?.properties).toMatchObject({ owner: 'team-a', tier: 'gold' });
    expect((withCatalog as ServedEntity | undefined)?.sources.map((s) => s.name)).toEqual(['catalog', 'k8s']);
    expect(reader.mergeCount() - before).toBe(1);

    // A deleted object: gone from the view and from the reverse index.
    const gone = `prod/load/${name(2)}`;
    const deleted = changed(gone);
    sim.delete('pods', 'load', name(2));
    await deleted;
    before = reader.mergeCount();
    expect(await reader.session().getMany('Pod', [gone])).toEqual([undefined]);
    // Nothing is left to merge: the entity leaves the view and its reverse-index entry.
    expect(reader.mergeCount() - before).toBe(0);
    expect((await reader.session().findByRelation('Pod', 'component', ['LoadService2']))[0].map((e) => e.identifier)).not.toContain(gone);

    // What the incremental view serves is what a full merge of the same state serves.
    const fresh = createEntityReader(store, [source]);
    expect(await served(reader, components)).toEqual(await served(fresh, components));
    expect(fresh.mergeCount()).toBe(full - 1); // one pod fewer
  });
});

describe('a cached source (GitHub): its snapshot is replaced whole, per ttl', () => {
  it('is merged once while the cache serves the same snapshot; a catalog write in between re-merges its entity only', async () => {
    const sim = await startGitHubSimulator({ extraRepositories: 20 });
    open.push(sim);
    const config = loadConfig({ LATTICE_CONFIG: path.join(ROOT, 'examples/github/lattice.yaml'), GITHUB_TOKEN: sim.token, GITHUB_URL: sim.url, GITHUB_WEBHOOK_SECRET: 'x' }, ROOT);
    const sources = createSources(config.sources, { cache: new MemoryCache(), log });
    open.push({ close: async () => void (await Promise.all(sources.all.map((s) => s.close?.()))) });
    const store = new MemoryEntityStore();
    await store.put([{ blueprint: 'Component', identifier: 'CartService', title: 'Cart', icon: null, team: [], properties: {}, relations: {}, origin: 'api' }]);
    const reader = createEntityReader(store, sources.all);
    const first = await reader.session().list('Component');
    const full = reader.mergeCount();
    expect(full).toBe(first.length);
    await reader.session().list('Component');
    expect(reader.mergeCount()).toBe(full);
    await store.put([{ blueprint: 'Component', identifier: 'CartService', title: 'Cart 2', icon: null, team: [], properties: {}, relations: {}, origin: 'api' }]);
    const [cart] = await reader.session().getMany('Component', ['CartService']);
    expect(cart?.title).toBe('Cart 2');
    expect(reader.mergeCount() - full).toBe(1);
  });
});
