/**
 * Schema changes on reload: every breaking change (graphql-js findBreakingChanges) is reported
 * in `lattice { schemaChanges }` and `/readyz`; with `schema.breakingChanges: refuse`, a reload
 * that breaks an operation run lately or a trusted document is refused like an invalid file (the
 * last good schema keeps serving), while a breaking change no known operation uses goes through.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ADMIN_TOKEN, gql, startTestLattice, tempProject } from '../helpers/lattice.ts';
import { SeenOperations } from '../../src/server/seenOperations.ts';

let lattice: Lattice | undefined;
afterEach(async () => {
  await lattice?.close();
  lattice = undefined;
});

/** Rewrites the Resource blueprint's `type` enum (the seed uses only "postgress"). */
function setResourceTypes(blueprintsDir: string, values: string[]) {
  const file = path.join(blueprintsDir, 'Resource.json');
  const bp = JSON.parse(readFileSync(file, 'utf8'));
  bp.schema.properties.type.enum = values;
  writeFileSync(file, JSON.stringify(bp, null, 2));
}

const STATUS = '{ lattice { status errors { code message } schemaChanges { type description at } } }';

describe('schema changes', () => {
  it('report (the default): the reload serves; each breaking change is in lattice { schemaChanges } and /readyz', async () => {
    const project = tempProject();
    lattice = await startTestLattice({ blueprintsDir: project.blueprintsDir, catalogDir: project.catalogDir });
    expect((await gql(lattice.url, STATUS)).data.lattice.schemaChanges).toEqual([]);
    setResourceTypes(project.blueprintsDir, ['postgress', 'kafka-topic']);
    expect(await lattice.runtime.reload()).toBe(true);
    const { lattice: status } = (await gql(lattice.url, STATUS)).data;
    expect(status.status).toBe('OK');
    expect(status.schemaChanges.map((c: { type: string; description: string }) => [c.type, c.description])).toEqual([
      ['VALUE_REMOVED_FROM_ENUM', 'RABBIT_QUEUE was removed from enum type ResourceType.'],
      ['VALUE_REMOVED_FROM_ENUM', 'S3_BUCKET was removed from enum type ResourceType.'],
    ]);
    const ready = await (await fetch(`${lattice.url}/readyz`)).json();
    expect(ready.schemaChanges.map((c: { description: string }) => c.description)).toEqual(status.schemaChanges.map((c: { description: string }) => c.description));
  });

  it('a blueprint added is a BlueprintIdentifier value added (not breaking); removed, its value removed is reported as breaking', async () => {
    const project = tempProject();
    lattice = await startTestLattice({ blueprintsDir: project.blueprintsDir, catalogDir: project.catalogDir });
    const team = path.join(project.blueprintsDir, 'Team.json');
    writeFileSync(team, JSON.stringify({ identifier: 'team-unit', title: 'Team', schema: { properties: {} } }));
    expect(await lattice.runtime.reload()).toBe(true);
    expect((await gql(lattice.url, STATUS)).data.lattice.schemaChanges).toEqual([]);
    expect((await gql(lattice.url, '{ entity(blueprint: TEAM_UNIT, identifier: "none") { identifier } blueprints { identifier } }')).data).toEqual({
      entity: null,
      blueprints: ['API', 'COMPONENT', 'DEV_ENVIRONMENT', 'DOMAIN', 'RESOURCE', 'SYSTEM', 'TEAM_UNIT'].map((identifier) => ({ identifier })),
    });
    rmSync(team);
    expect(await lattice.runtime.reload()).toBe(true);
    const changes = (await gql(lattice.url, STATUS)).data.lattice.schemaChanges.map((c: { type: string; description: string }) => [c.type, c.description]);
    expect(changes).toContainEqual(['VALUE_REMOVED_FROM_ENUM', 'TEAM_UNIT was removed from enum type BlueprintIdentifier.']);
    expect(changes).toContainEqual(['TYPE_REMOVED', 'TeamUnit was removed.']);
  });

  it('refuse: a reload that breaks an operation run lately is refused, naming it; the last good schema serves', async () => {
    const project = tempProject();
    lattice = await startTestLattice({ blueprintsDir: project.blueprintsDir, catalogDir: project.catalogDir, breakingChanges: 'refuse' });
    const used = 'query RabbitQueues { resources(filter: { type: { equalTo: RABBIT_QUEUE } }) { totalCount } }';
    expect((await gql(lattice.url, used)).errors).toBeUndefined();

    setResourceTypes(project.blueprintsDir, ['postgress', 'kafka-topic', 'rabbit-queue']);
    expect(await lattice.runtime.reload()).toBe(true); // S3_BUCKET removed: no known operation uses it
    expect((await gql(lattice.url, STATUS)).data.lattice.schemaChanges.map((c: { description: string }) => c.description)).toEqual(['S3_BUCKET was removed from enum type ResourceType.']);

    setResourceTypes(project.blueprintsDir, ['postgress', 'kafka-topic']);
    expect(await lattice.runtime.reload()).toBe(false);
    const { lattice: status } = (await gql(lattice.url, STATUS)).data;
    expect(status.status).toBe('ERROR');
    expect(status.errors).toHaveLength(1);
    expect(status.errors[0].code).toBe('BREAKING_CHANGE');
    expect(status.errors[0].message).toContain('operation "RabbitQueues"');
    expect(status.errors[0].message).toContain('RABBIT_QUEUE was removed from enum type ResourceType.');
    expect((await gql(lattice.url, used)).errors).toBeUndefined();
  });

  it('refuse: a trusted document counts as a known operation, named by its id', async () => {
    const project = tempProject();
    const manifest = path.join(project.dir, 'trusted.json');
    writeFileSync(manifest, JSON.stringify({ 'kafka-topics': '{ resources(filter: { type: { equalTo: KAFKA_TOPIC } }) { totalCount } }' }));
    lattice = await startTestLattice({
      blueprintsDir: project.blueprintsDir,
      catalogDir: project.catalogDir,
      breakingChanges: 'refuse',
      trustedDocuments: { mode: 'allow', manifests: [manifest], redis: false, bypassRoles: [] },
    });
    setResourceTypes(project.blueprintsDir, ['postgress', 'rabbit-queue', 's3-bucket']);
    expect(await lattice.runtime.reload()).toBe(false);
    const { errors } = (await gql(lattice.url, STATUS)).data.lattice;
    expect(errors.map((e: { code: string; message: string }) => [e.code, e.message.slice(0, 45)])).toEqual([['BREAKING_CHANGE', 'the change would break operation "kafka-topic']]);
  });
});

describe('the operations seen', () => {
  it('are kept by their text with their name, once each; a huge document is not kept (memory stays bounded)', () => {
    const seen = new SeenOperations();
    seen.record('{ a }', 'A');
    seen.record('{ a }', 'A');
    seen.record('{ b }', undefined);
    seen.record(`{ ${'x '.repeat(400_000)}}`, 'Huge');
    expect(seen.list().sort((x, y) => x.name.localeCompare(y.name))).toEqual([
      { name: 'A', source: '{ a }' },
      { name: 'anonymous operation', source: '{ b }' },
    ]);
  });
});

describe('operations over graphql-ws count too', () => {
  it('refuse: a reload that removes a field a subscription selected is refused, naming the subscription', async () => {
    const project = tempProject();
    const file = path.join(project.blueprintsDir, 'Resource.json');
    const bp = JSON.parse(readFileSync(file, 'utf8'));
    bp.schema.properties.owner = { type: 'string', title: 'Owner' };
    writeFileSync(file, JSON.stringify(bp, null, 2));
    lattice = await startTestLattice({ blueprintsDir: project.blueprintsDir, catalogDir: project.catalogDir, breakingChanges: 'refuse' });
    const client = createClient({ url: `${lattice.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      // The server prepares (and records) the subscription before it answers: write Resources until it answers.
      const events: unknown[] = [];
      client.subscribe(
        { query: 'subscription ResourceOwners { entityChanged(blueprint: RESOURCE) { entity { ... on Resource { owner } } } }' },
        { next: (v) => events.push(v), error: (e) => events.push({ error: e }), complete: () => undefined },
      );
      const deadline = Date.now() + 10_000;
      while (events.length === 0) {
        if (Date.now() > deadline) throw new Error('the subscription never answered');
        await gql(lattice.url, 'mutation { upsertEntity(blueprint: RESOURCE, identifier: "queue-1", properties: { owner: "me" }) { identifier } }', undefined, { token: ADMIN_TOKEN });
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(events[0]).not.toHaveProperty('error');
      delete bp.schema.properties.owner;
      writeFileSync(file, JSON.stringify(bp, null, 2));
      // queue-1 holds an owner the blueprint no longer has: delete it so that only the schema change is at stake.
      await gql(lattice.url, 'mutation { deleteEntity(blueprint: RESOURCE, identifier: "queue-1") }', undefined, { token: ADMIN_TOKEN });
      expect(await lattice.runtime.reload()).toBe(false);
      const { errors } = (await gql(lattice.url, STATUS)).data.lattice;
      expect(errors.map((e: { code: string; message: string }) => [e.code, e.message.includes('operation "ResourceOwners" (')])).toEqual([['BREAKING_CHANGE', true]]);
    } finally {
      await client.dispose();
    }
  });
});
