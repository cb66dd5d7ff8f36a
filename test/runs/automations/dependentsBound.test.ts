/**
 * The bound on a change's dependents in a running gateway (in-process): a system deleted while two
 * components point at it has two dependents (their relation now dangles); with
 * `automation.maxDependents: 1` one is observed, and the one left is counted on /metrics
 * (`lattice_automation_dependents_dropped_total`) and named in a warning with the entity.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, expect, it } from 'vitest';
import { MemoryEntityStore } from '../../../src/data/memory/MemoryEntityStore.ts';
import type { Lattice } from '../../../src/server/app.ts';
import { catalogEntity } from '../../fixtures/generateCatalog.ts';
import { ADMIN_TOKEN, gql, startTestLattice, tempProject } from '../../helpers/lattice.ts';
import { until } from '../../helpers/until.ts';

let lattice: Lattice | undefined;
afterAll(async () => {
  await lattice?.close();
});

it('past automation.maxDependents: the rest is counted on /metrics and logged, not observed', async () => {
  const store = new MemoryEntityStore();
  await store.put([
    catalogEntity('Domain', 'd', {}, {}),
    catalogEntity('System', 'sys-a', {}, { domain: 'd' }),
    catalogEntity('Component', 'c1', {}, { system: 'sys-a' }),
    catalogEntity('Component', 'c2', {}, { system: 'sys-a' }),
  ]);
  const lines: Record<string, unknown>[] = [];
  const log = pino(
    { level: 'warn' },
    new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    }),
  );
  const project = tempProject({ catalog: false });
  lattice = await startTestLattice({ blueprintsDir: project.blueprintsDir, catalogDir: project.catalogDir, automationMaxDependents: 1 }, { store, log });
  const res = await gql(lattice.url, 'mutation { deleteEntity(blueprint: SYSTEM, identifier: "sys-a") }', undefined, { token: ADMIN_TOKEN });
  expect(res.errors).toBeUndefined();

  const dropped = async () => Number(/^lattice_automation_dependents_dropped_total (\d+)$/m.exec(await (await fetch(`${lattice?.url}/metrics`)).text())?.[1]);
  await until(async () => (await dropped()) === 1, 'one dependent counted as dropped');
  expect(lines.filter((l) => String(l.msg).startsWith('automations: a change has more dependents'))).toEqual([
    expect.objectContaining({ blueprint: 'System', identifier: 'sys-a', dropped: 1, maxDependents: 1, msg: 'automations: a change has more dependents than automation.maxDependents; those beyond are not observed' }),
  ]);
});
