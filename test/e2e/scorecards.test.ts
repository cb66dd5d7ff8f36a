/**
 * Scorecards over GraphQL, in one gateway over real HTTP: `scorecards` on every entity type
 * evaluated live (a write shows at once) over meta, mirror and calculation properties, level
 * filters, level orderBy, scorecard rules in `search`, the level in `entityChanged` events, hot
 * reload of scorecard files (a bad one keeps the last good schema serving, with its location),
 * and batching: a page of 1,000 components with their scorecards costs a fixed number
 * of store calls, not one per component (counted by the store).
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MemoryEntityStore } from '../../src/data/memory/MemoryEntityStore.ts';
import type { Lattice } from '../../src/server/app.ts';
import { generateCatalog } from '../fixtures/generateCatalog.ts';
import { ADMIN_TOKEN, ROOT, gql, startTestLattice, tempProject } from '../helpers/lattice.ts';

const FIXTURE = path.join(ROOT, 'test/fixtures/scorecards/ProductionReadiness.json');

let lattice: Lattice | undefined;
afterEach(async () => {
  await lattice?.close();
  lattice = undefined;
});

async function start(components: number) {
  const store = new MemoryEntityStore();
  await store.put(generateCatalog({ components, systems: components / 10, domains: components / 100 }));
  const project = tempProject({ catalog: false });
  const scorecardsDir = path.join(project.dir, 'schema/scorecards');
  mkdirSync(scorecardsDir);
  copyFileSync(FIXTURE, path.join(scorecardsDir, 'ProductionReadiness.json'));
  lattice = await startTestLattice({ blueprintsDir: project.blueprintsDir, catalogDir: project.catalogDir, scorecardsDir }, { store });
  return { lattice, scorecardsDir };
}

const levelOf = (res: any) => res.data.component.scorecards[0].level;

describe('scorecards over GraphQL', () => {
  it('serves levels and rule outcomes live, filters, orders and searches by level', async () => {
    const { lattice: l } = await start(200);
    // System s is in domain s % 2, with components 10s to 10s+9 (even ones services): component-0
    // is a service of domain-0 → Gold; component-1 a library → Bronze; component-10 a service of domain-1 → Silver.
    const one = await gql(l.url, `{ component(identifier: "component-0") { scorecards { identifier title level levels { title } rules { identifier level passed } } } }`);
    expect(one.errors).toBeUndefined();
    expect(one.data.component.scorecards).toEqual([
      {
        identifier: 'ProductionReadiness',
        title: 'Production Readiness',
        level: 'Gold',
        levels: [{ title: 'Basic' }, { title: 'Bronze' }, { title: 'Silver' }, { title: 'Gold' }],
        rules: [
          { identifier: 'hasSystem', level: 'Bronze', passed: true },
          { identifier: 'isService', level: 'Silver', passed: true },
          { identifier: 'inFirstDomain', level: 'Gold', passed: true },
        ],
      },
    ]);
    expect(levelOf(await gql(l.url, `{ component(identifier: "component-1") { scorecards { level } } }`))).toBe('Bronze');
    expect(levelOf(await gql(l.url, `{ component(identifier: "component-10") { scorecards { level } } }`))).toBe('Silver');
    // Other blueprints have no scorecard.
    expect((await gql(l.url, `{ system(identifier: "system-0") { scorecards { level } } }`)).data.system.scorecards).toEqual([]);
    // The definitions as loaded.
    const defs = await gql(l.url, `{ scorecardDefinitions(blueprint: COMPONENT) { identifier blueprint levels { title } rules { identifier level query } } }`);
    expect(defs.data.scorecardDefinitions).toEqual([
      {
        identifier: 'ProductionReadiness',
        blueprint: 'COMPONENT',
        levels: [{ title: 'Basic' }, { title: 'Bronze' }, { title: 'Silver' }, { title: 'Gold' }],
        rules: [
          { identifier: 'hasSystem', level: 'Bronze', query: { combinator: 'and', rules: [{ relation: 'system', operator: 'isNotEmpty' }] } },
          { identifier: 'isService', level: 'Silver', query: { combinator: 'and', rules: [{ property: 'type', operator: '=', value: 'service' }] } },
          { identifier: 'inFirstDomain', level: 'Gold', query: { combinator: 'and', rules: [{ property: { path: ['system', 'domain'] }, operator: 'matchAny', value: 'domain-0' }] } },
        ],
      },
    ]);
    expect((await gql(l.url, `{ scorecardDefinitions(blueprint: SYSTEM) { identifier } }`)).data.scorecardDefinitions).toEqual([]);

    // Live: a write moves the level in the next read.
    const write = await gql(l.url, `mutation { upsertEntity(blueprint: COMPONENT, identifier: "component-1", properties: { type: "service" }, merge: true) { identifier } }`, undefined, { token: ADMIN_TOKEN });
    expect(write.errors).toBeUndefined();
    expect(levelOf(await gql(l.url, `{ component(identifier: "component-1") { scorecards { level } } }`))).toBe('Gold');

    // Filters: domain-0 holds 10 systems, 100 components, 50 of them services.
    const gold = await gql(l.url, `{ components(filter: { productionReadinessLevel: { equalTo: "Gold" } }) { totalCount } }`);
    expect(gold.errors).toBeUndefined();
    expect(gold.data.components.totalCount).toBe(51); // the 50 services of domain-0, and component-1 now
    const below = await gql(l.url, `{ components(filter: { productionReadinessLevel: { below: "Silver" } }) { totalCount } }`);
    expect(below.data.components.totalCount).toBe(99); // the libraries, component-1 no longer among them
    const atLeast = await gql(l.url, `{ components(filter: { productionReadinessLevel: { atLeast: "Silver" }, type: { equalTo: LIBRARY } }) { totalCount } }`);
    expect(atLeast.data.components.totalCount).toBe(0);
    const unknown = await gql(l.url, `{ components(filter: { productionReadinessLevel: { equalTo: "Platinum" } }) { totalCount } }`);
    expect(unknown.errors?.[0].message).toMatch(/scorecard "ProductionReadiness" has no level "Platinum"; expected one of Basic, Bronze, Silver, Gold/);

    // orderBy: by level, highest first, then identifier.
    const ordered = await gql(l.url, `{ components(orderBy: [PRODUCTION_READINESS_LEVEL_DESC, IDENTIFIER_ASC], first: 2) { nodes { identifier scorecards { level } } } }`);
    expect(ordered.data.components.nodes).toEqual([
      { identifier: 'component-0', scorecards: [{ level: 'Gold' }] },
      { identifier: 'component-1', scorecards: [{ level: 'Gold' }] },
    ]);
    const lowest = await gql(l.url, `{ components(orderBy: [PRODUCTION_READINESS_LEVEL_ASC, IDENTIFIER_DESC], first: 1) { nodes { identifier scorecards { level } } } }`);
    expect(lowest.data.components.nodes).toEqual([{ identifier: 'component-99', scorecards: [{ level: 'Bronze' }] }]);

    // search: Port's rule language with a scorecard rule; an unknown level is a located error.
    const search = await gql(l.url, `{ search(query: { combinator: "and", rules: [{ property: "$blueprint", operator: "=", value: "Component" }, { scorecard: "ProductionReadiness", operator: ">", value: "Silver" }] }) { totalCount } }`);
    expect(search.data.search.totalCount).toBe(51);
    const bad = await gql(l.url, `{ search(query: { combinator: "and", rules: [{ property: "$blueprint", operator: "=", value: "Component" }, { scorecard: "ProductionReadiness", operator: "=", value: "Platinum" }] }) { totalCount } }`);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].message).toMatch(/at \/rules\/1\/value: scorecard "ProductionReadiness" has no level "Platinum"/);
  });

  it('reloads scorecard files; a bad one is refused with its location and the last good one keeps serving', async () => {
    const { lattice: l, scorecardsDir } = await start(200);
    const file = path.join(scorecardsDir, 'ProductionReadiness.json');
    const fixture = JSON.parse(await (await import('node:fs/promises')).readFile(FIXTURE, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...fixture, rules: fixture.rules.slice(0, 1) }, null, 2));
    expect(await l.runtime.reload()).toBe(true);
    expect(levelOf(await gql(l.url, `{ component(identifier: "component-1") { scorecards { level } } }`))).toBe('Gold');

    const bad = JSON.stringify({ ...fixture, rules: [{ ...fixture.rules[0], level: 'Platinum' }] }, null, 2);
    writeFileSync(file, bad);
    const lines = bad.slice(0, bad.indexOf('"level": "Platinum"')).split('\n');
    expect(await l.runtime.reload()).toBe(false);
    const status = await gql(l.url, `{ lattice { status errors { file line column message } } }`);
    expect(status.data.lattice.status).toBe('ERROR');
    expect(status.data.lattice.errors).toEqual([{ file: expect.stringMatching(/ProductionReadiness\.json$/), line: lines.length, column: lines.at(-1)!.length + 1, message: expect.stringMatching(/level "Platinum", which is not one of its levels/) }]);
    expect(levelOf(await gql(l.url, `{ component(identifier: "component-1") { scorecards { level } } }`))).toBe('Gold');
  });

  it('reads meta, mirror and calculation properties as the schema serves them', async () => {
    const project = tempProject({ blueprints: false, catalog: false });
    const write = (dir: string, file: string, value: unknown) => writeFileSync(path.join(dir, file), JSON.stringify(value, null, 2));
    write(project.blueprintsDir, 'Team.json', { identifier: 'Team', title: 'Team', schema: { properties: { oncall: { type: 'string' } } } });
    write(project.blueprintsDir, 'Service.json', {
      identifier: 'Service',
      title: 'Service',
      schema: { properties: { tier: { type: 'string' } } },
      relations: { owner: { target: 'Team', required: false, many: false } },
      mirrorProperties: { oncall: { path: 'owner.oncall' } },
      calculationProperties: { critical: { title: 'Critical', type: 'boolean', calculation: '.properties.tier == "critical"' } },
    });
    write(project.catalogDir, 'catalog.json', {
      Team: [{ identifier: 'payments', properties: { oncall: 'ana' } }, { identifier: 'search', properties: {} }],
      Service: [
        { identifier: 'cart', team: ['payments'], properties: { tier: 'critical' }, relations: { owner: 'payments' } },
        { identifier: 'orders', properties: { tier: 'critical' }, relations: { owner: 'payments' } },
        { identifier: 'find', team: ['search'], properties: { tier: 'critical' }, relations: { owner: 'search' } },
        { identifier: 'docs', team: ['search'], properties: { tier: 'low' }, relations: { owner: 'payments' } },
      ],
    });
    const scorecardsDir = path.join(project.dir, 'schema/scorecards');
    mkdirSync(scorecardsDir);
    const rule = (identifier: string, level: string, condition: unknown) => ({ identifier, level, query: { combinator: 'and', conditions: [condition] } });
    write(scorecardsDir, 'Readiness.json', {
      identifier: 'Readiness',
      blueprint: 'Service',
      rules: [rule('onCall', 'Bronze', { property: 'oncall', operator: 'isNotEmpty' }), rule('critical', 'Silver', { property: 'critical', operator: '=', value: true }), rule('owned', 'Gold', { property: '$team', operator: 'isNotEmpty' })],
    });
    lattice = await startTestLattice({ blueprintsDir: project.blueprintsDir, catalogDir: project.catalogDir, scorecardsDir });
    const res = await gql(lattice.url, '{ services(orderBy: [IDENTIFIER_ASC]) { nodes { identifier scorecards { level } } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.services.nodes.map((n: any) => `${n.identifier}:${n.scorecards[0].level}`)).toEqual(['cart:Gold', 'docs:Bronze', 'find:Basic', 'orders:Silver']);
  });

  it('entityChanged carries the level after each change (evaluated afresh for every event)', async () => {
    const { lattice: l } = await start(200);
    const client = createClient({ url: `${l.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const levels: string[] = [];
    const done = new Promise<void>((resolve, reject) =>
      client.subscribe(
        { query: 'subscription { entityChanged(blueprint: COMPONENT, identifier: "component-3") { entity { ... on Component { type scorecards { level } } } } }' },
        { next: (v: any) => void levels.push(`${v.data.entityChanged.entity.type}:${v.data.entityChanged.entity.scorecards[0].level}`), error: reject, complete: resolve },
      ),
    );
    const write = (type: string) => gql(l.url, `mutation { upsertEntity(blueprint: COMPONENT, identifier: "component-3", properties: { type: "${type}" }, merge: true) { identifier } }`, undefined, { token: ADMIN_TOKEN });
    // The same write again until the subscription is in place and its first event arrives.
    while (levels.length === 0) {
      await write('service');
      await new Promise((r) => setTimeout(r, 50));
    }
    const before = levels.length;
    await write('library');
    while (levels.length === before) await new Promise((r) => setTimeout(r, 20));
    await client.dispose();
    await done.catch(() => undefined);
    expect(new Set(levels.slice(0, before))).toEqual(new Set(['SERVICE:Gold']));
    expect(levels[before]).toBe('LIBRARY:Bronze');
  });

  it('a page of 1,000 components with their scorecards costs a fixed number of store calls', async () => {
    const { lattice: l } = await start(2000);
    const count = async (query: string) => {
      const before = l.store.counts().byMethod;
      const res = await gql(l.url, query);
      expect(res.errors).toBeUndefined();
      const after = l.store.counts().byMethod;
      return { res, delta: Object.fromEntries(Object.entries(after).map(([m, n]) => [m, n - before[m as keyof typeof before]])) };
    };
    const { res, delta } = await count(`{ components(first: 1000) { nodes { identifier scorecards { level rules { passed } } } } }`);
    expect(res.data.components.nodes).toHaveLength(1000);
    const gold = res.data.components.nodes.filter((n: any) => n.scorecards[0].level === 'Gold').map((n: any) => Number(n.identifier.split('-')[1]));
    expect(gold.length).toBeGreaterThan(0);
    expect(gold.every((c: number) => c % 2 === 0 && Math.floor(c / 10) % 20 === 0)).toBe(true);
    // The relation path component → system → domain: one batched load per hop for the whole page.
    expect(delta).toEqual({ list: 1, getMany: 2, findByRelation: 0, put: 0, insert: 0, delete: 0, replaceOrigin: 0, changes: 0 });
    const again = await count(`{ components(first: 1000, filter: { productionReadinessLevel: { atLeast: "Bronze" } }, orderBy: [PRODUCTION_READINESS_LEVEL_DESC]) { nodes { scorecards { level } } } }`);
    // The field, the filter and the orderBy share one evaluation per request.
    expect(again.delta).toEqual({ list: 1, getMany: 2, findByRelation: 0, put: 0, insert: 0, delete: 0, replaceOrigin: 0, changes: 0 });
  });
});
