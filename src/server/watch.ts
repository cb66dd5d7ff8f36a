/**
 * watchFolders: calls `onChange` (debounced by 50 ms) when a file below the folders changes,
 * once it is written (chokidar's awaitWriteFinish). Resolves once the initial scan is done, so no
 * change is missed after start.
 */
import chokidar, { type FSWatcher } from 'chokidar';
import type { Logger } from 'pino';

export async function watchFolders(dirs: readonly string[], onChange: () => unknown, log: Logger): Promise<FSWatcher> {
  const watcher = chokidar.watch([...dirs], { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 10 } });
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (event, file) => {
    log.debug({ event, file }, 'file change');
    clearTimeout(timer);
    timer = setTimeout(onChange, 50);
  });
  watcher.on('error', (err) => log.error({ err }, 'file watcher failed'));
  await new Promise<void>((resolve) => watcher.once('ready', resolve));
  return watcher;
}
