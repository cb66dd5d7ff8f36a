/**
 * Hot reload: adding, editing and removing blueprint and entity files takes effect without a
 * restart and without failing requests in flight; an invalid change keeps the last good version
 * serving and shows its error (file, line, column) in /readyz and `lattice { status errors }`.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Lattice } from '../../src/server/app.ts';
import { gql, SEED, startTestLattice, tempProject, testConfig } from '../helpers/lattice.ts';

let lattice: Lattice;
let project: ReturnType<typeof tempProject>;

beforeAll(async () => {
  project = tempProject();
  // No request budget: the in-flight test sends requests as fast as they are answered (hundreds in a window).
  lattice = await startTestLattice({
    blueprintsDir: project.blueprintsDir,
    catalogDir: project.catalogDir,
    scorecardsDir: path.join(project.dir, 'schema/scorecards'),
    watch: true,
    rateLimits: { ...testConfig().rateLimits, enabled: false },
  });
});
afterAll(async () => {
  await lattice?.close();
  rmSync(project.dir, { recursive: true, force: true });
});

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await probe();
  }
  return last;
}

describe('hot reload', () => {
  it('adds, edits and removes catalog entities from files', async () => {
    const file = path.join(project.catalogDir, 'more.yaml');
    writeFileSync(file, 'blueprint: Component\nidentifier: SearchService\ntitle: Search\nproperties:\n  type: service\nrelations:\n  system: Products\n');
    const added = await eventually(() => gql(lattice.url, '{ component(identifier: "SearchService") { title system { identifier } } }'), (r) => r.data?.component !== null);
    expect(added.data.component).toEqual({ title: 'Search', system: { identifier: 'Products' } });

    writeFileSync(file, 'blueprint: Component\nidentifier: SearchService\ntitle: Search v2\nproperties:\n  type: library\n');
    const edited = await eventually(() => gql(lattice.url, '{ component(identifier: "SearchService") { title type system { identifier } } }'), (r) => r.data?.component?.title === 'Search v2');
    expect(edited.data.component).toEqual({ title: 'Search v2', type: 'LIBRARY', system: null });

    rmSync(file);
    await eventually(() => gql(lattice.url, '{ component(identifier: "SearchService") { title } }'), (r) => r.data?.component === null);
  });

  it('tells entityChanged subscribers what a catalog-file change did', async () => {
    const client = createClient({ url: `${lattice.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const events: { identifier: string; change: string; entity: { title: string } | null }[] = [];
    const done = new Promise<void>((resolve) => client.subscribe({ query: 'subscription { entityChanged(blueprint: SYSTEM) { identifier change entity { title } } }' }, { next: (v) => void events.push((v.data as any).entityChanged), error: resolve, complete: resolve }));
    try {
      await new Promise((r) => setTimeout(r, 200));
      const file = path.join(project.catalogDir, 'systems.yaml');
      writeFileSync(file, 'blueprint: System\nidentifier: Payments\ntitle: Payments\nrelations:\n  domain: Orders\n');
      await eventually(async () => events.length, (n) => n >= 1);
      rmSync(file);
      await eventually(async () => events.length, (n) => n >= 2);
      expect(events).toEqual([
        { identifier: 'Payments', change: 'UPSERTED', entity: { title: 'Payments' } },
        { identifier: 'Payments', change: 'DELETED', entity: null },
      ]);
    } finally {
      await client.dispose();
      await done;
    }
  });

  it('adds a property from an edited blueprint to the schema', async () => {
    const file = path.join(project.blueprintsDir, 'Domain.json');
    const domain = JSON.parse(readFileSync(file, 'utf8'));
    domain.schema.properties.owner_email = { type: 'string', format: 'email', title: 'Owner' };
    writeFileSync(file, JSON.stringify(domain, null, 2));
    const res = await eventually(() => gql(lattice.url, '{ domain(identifier: "Orders") { ownerEmail } }'), (r) => r.errors === undefined);
    expect(res.data.domain).toEqual({ ownerEmail: null });
  });

  it('keeps the last good version serving when a change is invalid, and says why', async () => {
    const resourceFile = path.join(project.blueprintsDir, 'Resource.json');
    const good = readFileSync(resourceFile, 'utf8');
    copyFileSync(path.join(SEED, 'verbatim/Resource.blueprint.json'), resourceFile);
    const status = await eventually(() => gql(lattice.url, '{ lattice { status errors { code file line column message } } }'), (r) => r.data?.lattice.status === 'ERROR');
    const line2 = readFileSync(path.join(SEED, 'verbatim/Resource.blueprint.json'), 'utf8').split('\n')[1];
    expect(status.data.lattice.errors).toEqual([
      { code: 'SYNTAX_ERROR', file: 'schema/blueprints/Resource.json', line: 2, column: line2.indexOf('\u201c') + 1, message: expect.stringContaining('U+201C') },
    ]);
    const ready = await fetch(`${lattice.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'degraded', errors: [{ code: 'SYNTAX_ERROR', file: 'schema/blueprints/Resource.json', line: 2 }] });
    // The last good schema and catalog still serve, Resource included.
    const served = await gql(lattice.url, '{ resource(identifier: "cart-sql-sb") { type } domain(identifier: "Orders") { ownerEmail } }');
    expect(served.errors).toBeUndefined();
    expect(served.data.resource).toEqual({ type: 'POSTGRESS' });

    // An invalid entity file is rejected whole: nothing of it is half-applied.
    writeFileSync(resourceFile, good);
    await eventually(() => gql(lattice.url, '{ lattice { status } }'), (r) => r.data?.lattice.status === 'OK');
    writeFileSync(path.join(project.catalogDir, 'bad.json'), JSON.stringify([{ blueprint: 'Domain', identifier: 'Payments' }, { blueprint: 'System', identifier: 'Ledger', relations: { domain: 'Nowhere' } }]));
    const bad = await eventually(() => gql(lattice.url, '{ lattice { status errors { code file pointer } } }'), (r) => r.data?.lattice.status === 'ERROR');
    expect(bad.data.lattice.errors).toEqual([{ code: 'INVALID_ENTITY', file: 'catalog/bad.json', pointer: '/1/relations/domain' }]);
    const nothing = await gql(lattice.url, '{ domain(identifier: "Payments") { identifier } system(identifier: "Ledger") { identifier } }');
    expect(nothing.data).toEqual({ domain: null, system: null });
    rmSync(path.join(project.catalogDir, 'bad.json'));
    await eventually(() => gql(lattice.url, '{ lattice { status } }'), (r) => r.data?.lattice.status === 'OK');
  });

  it('loads, rejects and removes action definitions like blueprints', async () => {
    const file = path.join(project.dir, 'schema/actions/restart.json');
    const action = {
      identifier: 'restart_service',
      title: 'Restart a service',
      trigger: { type: 'self-service', operation: 'DAY-2', blueprintIdentifier: 'Component', userInputs: { properties: { reason: { type: 'string' } }, required: ['reason'] } },
      invocationMethod: { type: 'WEBHOOK', url: 'http://127.0.0.1:9/restart' },
    };
    writeFileSync(file, JSON.stringify(action, null, 2));
    const added = await eventually(() => gql(lattice.url, '{ actions { identifier mutationName } }'), (r) => r.data?.actions.length === 1);
    expect(added.data.actions).toEqual([{ identifier: 'restart_service', mutationName: 'restartService' }]);
    const schema = await gql(lattice.url, '{ __type(name: "RestartServiceInput") { inputFields { name type { kind ofType { name } } } } }');
    expect(schema.data.__type.inputFields).toEqual([{ name: 'reason', type: { kind: 'NON_NULL', ofType: { name: 'String' } } }]);

    writeFileSync(file, JSON.stringify({ ...action, trigger: { ...action.trigger, blueprintIdentifier: 'Nope' } }, null, 2));
    const bad = await eventually(() => gql(lattice.url, '{ lattice { status errors { file pointer message } } }'), (r) => r.data?.lattice.status === 'ERROR');
    expect(bad.data.lattice.errors[0]).toMatchObject({ file: 'schema/actions/restart.json', pointer: '/trigger/blueprintIdentifier' });
    expect((await gql(lattice.url, '{ actions { identifier } }')).data.actions).toEqual([{ identifier: 'restart_service' }]);

    rmSync(file);
    await eventually(() => gql(lattice.url, '{ lattice { status } actions { identifier } }'), (r) => r.data?.lattice.status === 'OK' && r.data.actions.length === 0);
  });

  it('picks up the automations and scorecards folders when they are created after start', async () => {
    // The project has neither folder when the gateway starts.
    mkdirSync(path.join(project.dir, 'schema/automations'));
    const automation = path.join(project.dir, 'schema/automations/notify.json');
    writeFileSync(automation, JSON.stringify({ identifier: 'notify', trigger: { type: 'automation', event: { type: 'ENTITY_CREATED', blueprintIdentifier: 'Nope' } }, invocationMethod: { type: 'WEBHOOK', url: 'http://127.0.0.1:9/' } }, null, 2));
    const bad = await eventually(() => gql(lattice.url, '{ lattice { status errors { file pointer } } }'), (r) => r.data?.lattice.status === 'ERROR');
    expect(bad.data.lattice.errors[0]).toMatchObject({ file: 'schema/automations/notify.json', pointer: '/trigger/event/blueprintIdentifier' });
    rmSync(automation);
    await eventually(() => gql(lattice.url, '{ lattice { status } }'), (r) => r.data?.lattice.status === 'OK');

    mkdirSync(path.join(project.dir, 'schema/scorecards'));
    const scorecard = { identifier: 'Basics', title: 'Basics', blueprint: 'Component', levels: [{ title: 'None' }, { title: 'Bronze' }], rules: [{ identifier: 'titled', title: 'Has a title', level: 'Bronze', query: { combinator: 'and', conditions: [{ property: '$title', operator: 'isNotEmpty' }] } }] };
    writeFileSync(path.join(project.dir, 'schema/scorecards/basics.json'), JSON.stringify(scorecard, null, 2));
    const listed = await eventually(() => gql(lattice.url, '{ scorecardDefinitions { identifier } }'), (r) => r.data?.scorecardDefinitions.length === 1);
    expect(listed.data.scorecardDefinitions).toEqual([{ identifier: 'Basics' }]);
    rmSync(path.join(project.dir, 'schema/scorecards/basics.json'));
    await eventually(() => gql(lattice.url, '{ scorecardDefinitions { identifier } }'), (r) => r.data?.scorecardDefinitions.length === 0);
  });

  it('never fails a request in flight while reloading', async () => {
    const file = path.join(project.blueprintsDir, 'System.json');
    const system = JSON.parse(readFileSync(file, 'utf8'));
    let stop = false;
    const failures: unknown[] = [];
    let served = 0;
    const load = (async () => {
      while (!stop) {
        const r = await gql(lattice.url, '{ domain(identifier: "Orders") { systemsByDomain { nodes { identifier componentsBySystem { totalCount } } } } }');
        if (r.errors || r.status !== 200) failures.push(r);
        served++;
      }
    })();
    for (let i = 0; i < 5; i++) {
      system.title = `System ${i}`;
      writeFileSync(file, JSON.stringify(system, null, 2));
      await eventually(() => gql(lattice.url, '{ blueprints { identifier title } }'), (r) => r.data?.blueprints.some((b: { title: string }) => b.title === `System ${i}`));
    }
    stop = true;
    await load;
    expect(failures).toEqual([]);
    expect(served).toBeGreaterThan(5);
  });
});
