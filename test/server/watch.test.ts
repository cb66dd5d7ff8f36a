/**
 * watchFolders starts whatever mix of folders it is given: folders that exist, folders that do not
 * yet (picked up when created), and folders whose parent does not exist either (read at the next
 * restart). Chokidar never reports `ready` for an empty list of paths; a gateway whose optional
 * folders all lacked a parent once waited for it for ever at start.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { watchFolders } from '../../src/server/watch.ts';
import { until } from '../helpers/until.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'lattice-watch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const log = pino({ level: 'silent' });

describe('watchFolders', () => {
  it('starts when no folder it is given exists, not even a parent', async () => {
    const watch = await watchFolders([path.join(dir, 'nope/schema/scorecards'), path.join(dir, 'nope/schema/automations')], () => undefined, log);
    await watch.close();
  });

  it('reports a change in a folder that exists and in one created after start, beside one that never can be', async () => {
    const blueprints = path.join(dir, 'schema/blueprints');
    mkdirSync(blueprints, { recursive: true });
    let changes = 0;
    const watch = await watchFolders([blueprints, path.join(dir, 'schema/automations'), path.join(dir, 'gone/scorecards')], () => changes++, log);
    try {
      writeFileSync(path.join(blueprints, 'a.json'), '{}');
      await until(() => changes >= 1, 'the change of a file in a watched folder');
      const seen = changes;
      mkdirSync(path.join(dir, 'schema/automations'));
      await until(() => changes > seen, 'the creation of the automations folder');
      const afterCreate = changes;
      writeFileSync(path.join(dir, 'schema/automations/x.json'), '{}');
      await until(() => changes > afterCreate, 'the change of a file in the created folder');
    } finally {
      await watch.close();
    }
    expect(changes).toBeGreaterThanOrEqual(3);
  });
});
