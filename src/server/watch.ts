/**
 * watchFolders: calls `onChange` (debounced by 50 ms) when a file below the folders changes,
 * once it is written (chokidar's awaitWriteFinish). Resolves once the initial scan is done, so no
 * change is missed after start.
 *
 * A folder that does not exist yet (a project without `schema/automations/` or
 * `schema/scorecards/`) is picked up when it is created: its parent is watched one level deep,
 * and when the folder appears it joins the watch and counts as a change. Chokidar itself is only
 * given folders that exist (given a missing one, it stopped reporting changes of a second).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import chokidar, { type FSWatcher } from 'chokidar';
import type { Logger } from 'pino';

const OPTIONS = { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 10 } };

export interface FolderWatch {
  close(): Promise<void>;
}

export async function watchFolders(dirs: readonly string[], onChange: () => unknown, log: Logger): Promise<FolderWatch> {
  const present = dirs.filter((d) => existsSync(d));
  const missing = dirs.filter((d) => !existsSync(d)).map((d) => path.resolve(d));
  const watcher = chokidar.watch(present, OPTIONS);
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, 50);
  };
  watcher.on('all', (event, file) => {
    log.debug({ event, file }, 'file change');
    changed();
  });
  watcher.on('error', (err) => log.error({ err }, 'file watcher failed'));
  const parents = watchParents(missing, watcher, changed, log);
  // Chokidar never reports `ready` for an empty list of paths: only watchers with paths are awaited.
  const started = [...(present.length > 0 ? [watcher] : []), ...(parents ? [parents] : [])];
  await Promise.all(started.map((w) => new Promise<void>((resolve) => w.once('ready', resolve))));
  return {
    close: async () => {
      clearTimeout(timer);
      await Promise.all([watcher.close(), parents?.close()]);
    },
  };
}

/** Watches the parents of folders that do not exist yet (none: undefined); a folder that appears joins `watcher`. */
function watchParents(missing: readonly string[], watcher: FSWatcher, changed: () => void, log: Logger): FSWatcher | undefined {
  const waiting = new Set(missing);
  const parents = [...new Set(missing.map((d) => path.dirname(d)))].filter((p) => existsSync(p));
  for (const dir of missing) if (!existsSync(path.dirname(dir))) log.warn({ dir }, 'neither this folder nor its parent exists: files created there are read at the next restart');
  if (parents.length === 0) return undefined;
  const parentWatcher = chokidar.watch(parents, { ignoreInitial: true, depth: 0 });
  parentWatcher.on('addDir', (created) => {
    const dir = path.resolve(created);
    if (!waiting.delete(dir)) return;
    log.info({ dir }, 'folder created: watching it');
    watcher.add(dir);
    changed();
    if (waiting.size === 0) void parentWatcher.close();
  });
  parentWatcher.on('error', (err) => log.error({ err }, 'file watcher failed'));
  return parentWatcher;
}
