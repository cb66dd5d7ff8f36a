/**
 * The EntityStore contract: one suite that every store must pass (see src/data/EntityStore.ts).
 * memoryEntityStore.test.ts and redisEntityStore.test.ts call it with their store.
 *
 * `makeStore` opens a store on this test's data. Called twice in one test it must give two
 * handles on the same data: two connections for Redis (as two replicas would have); the same
 * object for the in-process store, which cannot be shared any other way. `cleanup` runs after
 * each test: it closes what `makeStore` opened and wipes the data. `checkIndex`, when given, looks
 * at the store's own reverse index (not through findByRelation) and fails when it holds entries
 * the entities do not imply.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { relationTargets, type Entity, type EntityInput } from '../../src/model/entities/entity.ts';
import { CHANGE_LOG_LENGTH, type EntityStore } from '../../src/data/EntityStore.ts';

export interface ContractOptions {
  checkIndex?: (store: EntityStore) => Promise<void>;
}

export function entityStoreContract(name: string, makeStore: () => Promise<EntityStore>, cleanup: () => Promise<void>, options: ContractOptions = {}) {
  describe(`${name} (EntityStore contract)`, () => {
    afterEach(cleanup);

    /** Every reverse relation answer agrees with the entities as stored, in both directions. */
    async function expectIndexConsistent(store: EntityStore, blueprint: string, relation: string, targets: readonly string[]) {
      const all = await store.list(blueprint);
      const answers = await store.findByRelation(blueprint, relation, targets);
      targets.forEach((target, i) => {
        const expected = all.filter((e) => relationTargets(e, relation).includes(target)).map((e) => e.identifier).sort();
        expect(ids(answers[i]), `${blueprint}.${relation} → ${target}`).toEqual(expected);
      });
      await options.checkIndex?.(store);
    }

    describe('getMany', () => {
      it('keeps the order and the length of its keys, with undefined where missing', async () => {
        const store = await makeStore();
        await store.put([component('a'), component('b'), component('c')]);
        const got = await store.getMany('Component', ['c', 'missing', 'a', 'c', 'b']);
        expect(got).toHaveLength(5);
        expect(got.map((e) => e?.identifier)).toEqual(['c', undefined, 'a', 'c', 'b']);
      });

      it('answers [] for no keys and undefined for an unknown blueprint', async () => {
        const store = await makeStore();
        await store.put([component('a')]);
        expect(await store.getMany('Component', [])).toEqual([]);
        expect(await store.getMany('Nothing', ['a', 'b'])).toEqual([undefined, undefined]);
        // Same identifier, other blueprint: blueprints are separate namespaces.
        expect(await store.getMany('System', ['a'])).toEqual([undefined]);
      });

      it('returns the entity as it was put', async () => {
        const store = await makeStore();
        const input = component('a', { title: 'A', icon: 'Service', team: ['x', 'y'], properties: { type: 'service', tags: ['p', 'q'], n: 3 }, relations: { system: 'S', dependsOn: ['b'] } });
        const [put] = await store.put([input]);
        const [got] = await store.getMany('Component', ['a']);
        expect(got).toEqual(put);
        expect(got).toMatchObject(input);
      });
    });

    describe('list', () => {
      it('lists every entity of a blueprint and only those', async () => {
        const store = await makeStore();
        await store.put([component('a'), component('b'), system('a'), system('s')]);
        expect(ids(await store.list('Component'))).toEqual(['a', 'b']);
        expect(ids(await store.list('System'))).toEqual(['a', 's']);
        expect(await store.list('Nothing')).toEqual([]);
      });

      it('follows puts and deletes', async () => {
        const store = await makeStore();
        await store.put([component('a'), component('b')]);
        expect(ids(await store.list('Component'))).toEqual(['a', 'b']);
        await store.put([component('c')]);
        await store.delete([{ blueprint: 'Component', identifier: 'a' }]);
        expect(ids(await store.list('Component'))).toEqual(['b', 'c']);
        await store.put([component('b', { title: 'B2' })]);
        expect((await store.list('Component')).find((e) => e.identifier === 'b')?.title).toBe('B2');
      });
    });

    describe('findByRelation', () => {
      it('answers per target, in the targets order, for a single relation', async () => {
        const store = await makeStore();
        await store.put([component('a', { relations: { system: 'S1' } }), component('b', { relations: { system: 'S2' } }), component('c', { relations: { system: 'S1' } }), component('d', { relations: { system: null } })]);
        const got = await store.findByRelation('Component', 'system', ['S2', 'missing', 'S1', 'S2']);
        expect(got).toHaveLength(4);
        expect(got.map(ids)).toEqual([['b'], [], ['a', 'c'], ['b']]);
        expect(await store.findByRelation('Component', 'system', [])).toEqual([]);
        expect(await store.findByRelation('Component', 'other', ['S1'])).toEqual([[]]);
        expect(await store.findByRelation('System', 'system', ['S1'])).toEqual([[]]);
      });

      it('answers per target for a many relation', async () => {
        const store = await makeStore();
        await store.put([component('a', { relations: { dependsOn: ['x', 'y'] } }), component('b', { relations: { dependsOn: ['y'] } }), component('c', { relations: { dependsOn: [] } })]);
        const got = await store.findByRelation('Component', 'dependsOn', ['x', 'y', 'z']);
        expect(got.map(ids)).toEqual([['a'], ['a', 'b'], []]);
        expect(got[1].find((e) => e.identifier === 'a')).toEqual((await store.getMany('Component', ['a']))[0]);
      });

      it('keeps relations of different blueprints and different relation names apart', async () => {
        const store = await makeStore();
        await store.put([component('a', { relations: { system: 'S', dependsOn: ['S'] } }), { ...component('r'), blueprint: 'Resource', relations: { system: 'S' } }]);
        expect((await store.findByRelation('Component', 'system', ['S'])).map(ids)).toEqual([['a']]);
        expect((await store.findByRelation('Component', 'dependsOn', ['S'])).map(ids)).toEqual([['a']]);
        expect((await store.findByRelation('Resource', 'system', ['S'])).map(ids)).toEqual([['r']]);
      });

      it('follows updates: a relation changed or removed by a later put is no longer found', async () => {
        const store = await makeStore();
        await store.put([component('a', { relations: { system: 'S1', dependsOn: ['x', 'y'] } }), component('b', { relations: { system: 'S1' } })]);
        await store.put([component('a', { relations: { system: 'S2', dependsOn: ['y', 'z'] } })]);
        expect((await store.findByRelation('Component', 'system', ['S1', 'S2'])).map(ids)).toEqual([['b'], ['a']]);
        expect((await store.findByRelation('Component', 'dependsOn', ['x', 'y', 'z'])).map(ids)).toEqual([[], ['a'], ['a']]);

        // Removed: set to null, or left out altogether.
        await store.put([component('a', { relations: { system: null } }), component('b', { relations: {} })]);
        expect((await store.findByRelation('Component', 'system', ['S1', 'S2'])).map(ids)).toEqual([[], []]);
        expect((await store.findByRelation('Component', 'dependsOn', ['x', 'y', 'z'])).map(ids)).toEqual([[], [], []]);
        await expectIndexConsistent(store, 'Component', 'system', ['S1', 'S2']);
        await expectIndexConsistent(store, 'Component', 'dependsOn', ['x', 'y', 'z']);
      });

      it('forgets deleted entities', async () => {
        const store = await makeStore();
        await store.put([component('a', { relations: { system: 'S', dependsOn: ['x'] } }), component('b', { relations: { system: 'S' } })]);
        await store.delete([{ blueprint: 'Component', identifier: 'a' }]);
        expect((await store.findByRelation('Component', 'system', ['S'])).map(ids)).toEqual([['b']]);
        expect((await store.findByRelation('Component', 'dependsOn', ['x'])).map(ids)).toEqual([[]]);
        await expectIndexConsistent(store, 'Component', 'system', ['S']);
        await expectIndexConsistent(store, 'Component', 'dependsOn', ['x']);
      });

      it('sees a later put of an entity written twice in one call', async () => {
        const store = await makeStore();
        await store.put([component('a', { relations: { system: 'S1' } }), component('a', { relations: { system: 'S2' } })]);
        expect((await store.getMany('Component', ['a']))[0]?.relations).toEqual({ system: 'S2' });
        expect((await store.findByRelation('Component', 'system', ['S1', 'S2'])).map(ids)).toEqual([[], ['a']]);
        await expectIndexConsistent(store, 'Component', 'system', ['S1', 'S2']);
      });
    });

    describe('put', () => {
      it('stamps createdAt and updatedAt', async () => {
        const store = await makeStore();
        const before = Date.now();
        const [e] = await store.put([component('a')]);
        const after = Date.now();
        expect(e.createdAt).toBe(e.updatedAt);
        expect(new Date(e.createdAt).toISOString()).toBe(e.createdAt);
        expect(Date.parse(e.createdAt)).toBeGreaterThanOrEqual(before);
        expect(Date.parse(e.createdAt)).toBeLessThanOrEqual(after);
      });

      it('keeps createdAt and moves updatedAt when the content changes', async () => {
        const store = await makeStore();
        const [first] = await store.put([component('a', { title: 'one' })]);
        await sleep(5);
        const [second] = await store.put([component('a', { title: 'two' })]);
        expect(second.title).toBe('two');
        expect(second.createdAt).toBe(first.createdAt);
        expect(Date.parse(second.updatedAt)).toBeGreaterThan(Date.parse(first.updatedAt));
        expect((await store.getMany('Component', ['a']))[0]).toEqual(second);
      });

      it('leaves updatedAt unchanged when the content is identical', async () => {
        const store = await makeStore();
        const input = component('a', { team: ['t'], properties: { type: 'service', n: 1 }, relations: { system: 'S', dependsOn: ['x'] } });
        const [first] = await store.put([input]);
        await sleep(5);
        const [second] = await store.put([structuredClone(input)]);
        expect(second).toEqual(first);
        expect((await store.getMany('Component', ['a']))[0]?.updatedAt).toBe(first.updatedAt);
      });

      it('treats a change of origin as a change', async () => {
        const store = await makeStore();
        const [first] = await store.put([component('a', { origin: 'file:a.json' })]);
        await sleep(5);
        const [second] = await store.put([component('a', { origin: 'api' })]);
        expect(second.origin).toBe('api');
        expect(second.updatedAt).not.toBe(first.updatedAt);
      });

      it('returns the entities in input order', async () => {
        const store = await makeStore();
        const got = await store.put([component('b'), system('s'), component('a')]);
        expect(got.map((e) => `${e.blueprint}/${e.identifier}`)).toEqual(['Component/b', 'System/s', 'Component/a']);
        expect(await store.put([])).toEqual([]);
      });

      it('keeps no reference to its input: changing the input afterwards changes nothing', async () => {
        const store = await makeStore();
        const input = component('a', { team: ['t'], properties: { type: 'service', tags: ['x'] }, relations: { system: 'S' } });
        await store.put([input]);
        (input.properties as Record<string, unknown>).type = 'library';
        ((input.properties as Record<string, unknown>).tags as string[]).push('y');
        (input.relations as Record<string, unknown>).system = 'OTHER';
        (input.team as string[]).push('u');
        const [got] = await store.getMany('Component', ['a']);
        expect(got?.properties).toEqual({ type: 'service', tags: ['x'] });
        expect(got?.relations).toEqual({ system: 'S' });
        expect(got?.team).toEqual(['t']);
        expect((await store.findByRelation('Component', 'system', ['S', 'OTHER'])).map(ids)).toEqual([['a'], []]);
      });
    });

    describe('insert', () => {
      it('creates an entity that does not exist, and writes nothing over one that does', async () => {
        const store = await makeStore();
        const created = await store.insert(component('a', { title: 'first' }));
        expect(created).toMatchObject({ identifier: 'a', title: 'first' });
        expect(await store.insert(component('a', { title: 'second', relations: { system: 'S' } }))).toBeUndefined();
        expect(await store.getMany('Component', ['a'])).toEqual([created]);
        expect(await store.findByRelation('Component', 'system', ['S'])).toEqual([[]]);
        await options.checkIndex?.(store);
      });

      it('of concurrent inserts of one key through two handles, exactly one writes', async () => {
        const a = await makeStore();
        const b = await makeStore();
        for (let round = 0; round < 10; round++) {
          const id = `c${round}`;
          const results = await Promise.all([0, 1, 2].flatMap((k) => [a.insert(component(id, { title: `a${k}` })), b.insert(component(id, { title: `b${k}` }))]));
          const written = results.filter((r) => r !== undefined);
          expect(written, `round ${round}`).toHaveLength(1);
          expect(await b.getMany('Component', [id])).toEqual(written);
        }
      });
    });

    describe('delete', () => {
      it('returns, per key, whether it existed', async () => {
        const store = await makeStore();
        await store.put([component('a'), component('b'), system('s')]);
        expect(
          await store.delete([
            { blueprint: 'Component', identifier: 'a' },
            { blueprint: 'Component', identifier: 'missing' },
            { blueprint: 'System', identifier: 's' },
            { blueprint: 'Nothing', identifier: 'a' },
            { blueprint: 'System', identifier: 'b' },
          ]),
        ).toEqual([true, false, true, false, false]);
        expect((await store.getMany('Component', ['a', 'b'])).map((e) => e?.identifier)).toEqual([undefined, 'b']);
        expect(await store.list('System')).toEqual([]);
        expect(await store.delete([{ blueprint: 'Component', identifier: 'a' }])).toEqual([false]);
        expect(await store.delete([])).toEqual([]);
      });

      it('counts a key given twice once', async () => {
        const store = await makeStore();
        await store.put([component('a')]);
        const key = { blueprint: 'Component', identifier: 'a' };
        expect(await store.delete([key, key])).toEqual([true, false]);
      });

      it('forgets createdAt: an entity put again after a delete is new', async () => {
        const store = await makeStore();
        const [first] = await store.put([component('a')]);
        await store.delete([{ blueprint: 'Component', identifier: 'a' }]);
        await sleep(5);
        const [again] = await store.put([component('a')]);
        expect(Date.parse(again.createdAt)).toBeGreaterThan(Date.parse(first.createdAt));
      });
    });

    describe('replaceOrigin', () => {
      async function seed(store: EntityStore) {
        await store.put([
          component('api1', { origin: 'api', relations: { system: 'S' } }),
          component('other1', { origin: 'filesystem:x', relations: { system: 'S' } }),
          component('other2', { origin: 'git:file:a.json', relations: { system: 'S' } }),
        ]);
        return store.getMany('Component', ['api1', 'other1', 'other2']);
      }

      it('adds, replaces and deletes only entities whose origin starts with the prefix', async () => {
        const store = await makeStore();
        const others = await seed(store);

        expect(
          await store.replaceOrigin('file:', [
            component('a', { origin: 'file:a.json', relations: { system: 'S' } }),
            component('b', { origin: 'file:a.json', relations: { system: 'S' } }),
            system('s', { origin: 'file:b.json' }),
          ]),
        ).toEqual({ written: 3, deleted: 0 });
        expect(ids(await store.list('Component'))).toEqual(['a', 'api1', 'b', 'other1', 'other2']);

        // The same set again: nothing changes, timestamps included.
        const [a] = await store.getMany('Component', ['a']);
        await sleep(5);
        expect(
          await store.replaceOrigin('file:', [component('a', { origin: 'file:a.json', relations: { system: 'S' } }), component('b', { origin: 'file:a.json', relations: { system: 'S' } }), system('s', { origin: 'file:b.json' })]),
        ).toEqual({ written: 0, deleted: 0 });
        expect((await store.getMany('Component', ['a']))[0]).toEqual(a);

        // One replaced, one moved to another file (unchanged otherwise: still a write), one new, two gone.
        expect(
          await store.replaceOrigin('file:', [component('a', { origin: 'file:a.json', title: 'A2', relations: { system: 'T' } }), component('c', { origin: 'file:b.json' }), system('s', { origin: 'file:c.json' })]),
        ).toEqual({ written: 3, deleted: 1 });
        expect(ids(await store.list('Component'))).toEqual(['a', 'api1', 'c', 'other1', 'other2']);
        const [a2] = await store.getMany('Component', ['a']);
        expect(a2?.title).toBe('A2');
        expect(a2?.createdAt).toBe(a?.createdAt);
        expect((await store.getMany('System', ['s']))[0]?.origin).toBe('file:c.json');
        expect((await store.findByRelation('Component', 'system', ['S', 'T'])).map(ids)).toEqual([['api1', 'other1', 'other2'], ['a']]);

        // Other owners were never touched.
        expect(await store.getMany('Component', ['api1', 'other1', 'other2'])).toEqual(others);

        // An empty set deletes everything the prefix owns, and nothing else.
        expect(await store.replaceOrigin('file:', [])).toEqual({ written: 0, deleted: 3 });
        expect(ids(await store.list('Component'))).toEqual(['api1', 'other1', 'other2']);
        expect(await store.list('System')).toEqual([]);
        expect(await store.getMany('Component', ['api1', 'other1', 'other2'])).toEqual(others);
        expect(await store.replaceOrigin('file:', [])).toEqual({ written: 0, deleted: 0 });
        await expectIndexConsistent(store, 'Component', 'system', ['S', 'T']);
      });

      it('scopes deletion to the prefix, not to the whole origin family', async () => {
        const store = await makeStore();
        await store.put([component('a', { origin: 'file:one/a.json' }), component('b', { origin: 'file:two/b.json' })]);
        expect(await store.replaceOrigin('file:one/', [])).toEqual({ written: 0, deleted: 1 });
        expect(ids(await store.list('Component'))).toEqual(['b']);
      });

      it('does not delete an entity that another owner took over', async () => {
        const store = await makeStore();
        await store.replaceOrigin('file:', [component('a', { origin: 'file:a.json' }), component('b', { origin: 'file:a.json' })]);
        await store.put([component('b', { origin: 'api', title: 'mine now' })]);
        expect(await store.replaceOrigin('file:', [])).toEqual({ written: 0, deleted: 1 });
        expect(ids(await store.list('Component'))).toEqual(['b']);
        expect((await store.getMany('Component', ['b']))[0]?.origin).toBe('api');
      });

      it('never takes over an entity another owner wrote: CONFLICT naming both owners, and nothing changes', async () => {
        const store = await makeStore();
        await store.replaceOrigin('file:', [component('f', { origin: 'file:a.json' }), component('gone', { origin: 'file:a.json' })]);
        const [mine] = await store.put([component('shared', { origin: 'api', title: 'API title', properties: { type: 'service' } })]);
        const before = await store.getMany('Component', ['f', 'gone', 'shared']);
        const attempt = store.replaceOrigin('file:', [component('f', { origin: 'file:a.json', title: 'changed' }), component('shared', { origin: 'file:b.json', title: 'file title' })]);
        await expect(attempt).rejects.toMatchObject({
          code: 'CONFLICT',
          message: 'Component "shared" is owned by api; file:b.json may not replace it',
          details: { entities: [{ blueprint: 'Component', identifier: 'shared', owner: 'api', claimant: 'file:b.json' }] },
        });
        // Nothing of the set was applied: not the change to "f", not the deletion of "gone".
        expect(await store.getMany('Component', ['f', 'gone', 'shared'])).toEqual(before);
        expect((await store.getMany('Component', ['shared']))[0]).toEqual(mine);
        // Dropping it from the set later does not delete it either.
        expect(await store.replaceOrigin('file:', [])).toEqual({ written: 0, deleted: 2 });
        expect((await store.getMany('Component', ['shared']))[0]).toEqual(mine);
      });

      it('is one step: a second handle never sees the set half replaced', async () => {
        const store = await makeStore();
        const other = await makeStore();
        const set = (n: number) => [component(`c${n}`, { origin: 'file:a.json' })];
        await store.replaceOrigin('file:', set(0));
        let seen = 0;
        let bad = 0;
        let done = false;
        const watcher = (async () => {
          while (!done) {
            const count = (await other.list('Component')).length;
            seen++;
            if (count !== 1) bad++;
          }
        })();
        for (let n = 1; n <= 30; n++) await store.replaceOrigin('file:', set(n));
        done = true;
        await watcher;
        expect(seen).toBeGreaterThan(0);
        expect(bad).toBe(0);
      });
    });

    describe('changes', () => {
      it('names what puts, deletes and replaceOrigin changed since a cursor, per blueprint, and nothing when nothing did', async () => {
        const store = await makeStore();
        await store.put([component('a'), component('b')]);
        const start = await store.changes('Component');
        expect(start.identifiers).toBeUndefined();
        const still = await store.changes('Component', start.cursor);
        expect(still.identifiers).toEqual([]);
        await store.put([component('a', { title: 'A2' }), system('s')]);
        // Writing what is already stored is no change.
        await store.put([component('b')]);
        await store.delete([{ blueprint: 'Component', identifier: 'b' }, { blueprint: 'Component', identifier: 'missing' }]);
        const next = await store.changes('Component', start.cursor);
        expect(next.identifiers).toEqual(['a', 'b']);
        expect((await store.changes('Component', next.cursor)).identifiers).toEqual([]);
        await store.replaceOrigin('file:', [component('f1', { origin: 'file:x' })]);
        await store.replaceOrigin('file:', []);
        expect((await store.changes('Component', next.cursor)).identifiers).toEqual(['f1', 'f1']);
        // Another handle (a second replica) reads the same log.
        const other = await makeStore();
        expect((await other.changes('Component', next.cursor)).identifiers).toEqual(['f1', 'f1']);
      });

      it('cannot say (undefined) for a cursor it does not know or one the log no longer reaches', async () => {
        const store = await makeStore();
        await store.put([component('a')]);
        expect((await store.changes('Component', 'not-a-cursor')).identifiers).toBeUndefined();
        const { cursor } = await store.changes('Component');
        await store.put(Array.from({ length: CHANGE_LOG_LENGTH + 1 }, (_, i) => component(`c${i}`)));
        expect((await store.changes('Component', cursor)).identifiers).toBeUndefined();
        const now = await store.changes('Component');
        await store.put([component('a', { title: 'again' })]);
        expect((await store.changes('Component', now.cursor)).identifiers).toEqual(['a']);
      });
    });

    describe('immutability', () => {
      it('returns frozen entities from every method, down to their properties and relations', async () => {
        const store = await makeStore();
        const input = component('a', { team: ['t'], properties: { type: 'service', tags: ['x'], nested: { k: 1 } }, relations: { system: 'S', dependsOn: ['b'] } });
        const fromPut = (await store.put([input]))[0];
        const fromGet = (await store.getMany('Component', ['a']))[0] as Entity;
        const fromList = (await store.list('Component'))[0];
        const fromFind = (await store.findByRelation('Component', 'system', ['S']))[0][0];
        const fromUnchangedPut = (await store.put([input]))[0];
        for (const e of [fromPut, fromGet, fromList, fromFind, fromUnchangedPut]) {
          expect(Object.isFrozen(e)).toBe(true);
          expect(Object.isFrozen(e.properties)).toBe(true);
          expect(Object.isFrozen(e.properties.tags)).toBe(true);
          expect(Object.isFrozen(e.properties.nested)).toBe(true);
          expect(Object.isFrozen(e.relations)).toBe(true);
          expect(Object.isFrozen(e.relations.dependsOn)).toBe(true);
          expect(Object.isFrozen(e.team)).toBe(true);
          expect(() => ((e as { title: string | null }).title = 'changed')).toThrow(TypeError);
          expect(() => ((e.properties as Record<string, unknown>).type = 'changed')).toThrow(TypeError);
        }
        expect((await store.getMany('Component', ['a']))[0]?.properties.type).toBe('service');
      });
    });

    describe('concurrency', () => {
      it('concurrent puts and deletes of the same entities through two handles leave the reverse index consistent', async () => {
        const a = await makeStore();
        const b = await makeStore();
        const targets = ['S0', 'S1', 'S2', 'S3'];
        const pick = (n: number) => targets[n % targets.length];
        await a.put([component('x', { relations: { system: 'S0', dependsOn: ['S0'] } }), component('y', { relations: { system: 'S0' } })]);
        for (let round = 0; round < 40; round++) {
          const writes: Promise<unknown>[] = [];
          for (let k = 0; k < 3; k++) {
            writes.push(a.put([component('x', { title: `a${round}.${k}`, relations: { system: pick(round + k), dependsOn: [pick(round), pick(round + 2)] } }), component('y', { relations: { system: pick(round + 1) } })]));
            writes.push(b.put([component('y', { title: `b${round}.${k}`, relations: { system: pick(round + k + 2) } }), component('x', { relations: { system: pick(round + 3), dependsOn: [pick(round + 1)] } })]));
          }
          if (round % 5 === 4) writes.push(b.delete([{ blueprint: 'Component', identifier: 'x' }]));
          await Promise.all(writes);
          await expectIndexConsistent(a, 'Component', 'system', targets);
          await expectIndexConsistent(b, 'Component', 'dependsOn', targets);
        }
        // Both handles see the same final state.
        expect(await b.getMany('Component', ['x', 'y'])).toEqual(await a.getMany('Component', ['x', 'y']));
      });

      it('concurrent replaceOrigin and api writes through two handles never lose the api entity', async () => {
        const a = await makeStore();
        const b = await makeStore();
        for (let round = 0; round < 20; round++) {
          await a.replaceOrigin('file:', [component('f', { origin: 'file:a.json' }), component('shared', { origin: 'file:a.json', title: `file${round}` })]);
          // b takes "shared" over while a drops it from its set.
          await Promise.all([a.replaceOrigin('file:', [component('f', { origin: 'file:a.json' })]), b.put([component('shared', { origin: 'api', title: `api${round}` })])]);
          const [shared] = await a.getMany('Component', ['shared']);
          expect(shared?.origin, `round ${round}`).toBe('api');
          await a.delete([{ blueprint: 'Component', identifier: 'shared' }]);
        }
      });
    });
  });
}

function component(identifier: string, over: Partial<EntityInput> = {}): EntityInput {
  return { blueprint: 'Component', identifier, title: identifier, icon: null, team: [], properties: {}, relations: {}, origin: 'api', ...over };
}

function system(identifier: string, over: Partial<EntityInput> = {}): EntityInput {
  return { ...component(identifier), blueprint: 'System', ...over };
}

function ids(entities: readonly Entity[]): string[] {
  return entities.map((e) => e.identifier).sort();
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
