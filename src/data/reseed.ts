/**
 * watchSeed: seeds the catalog again when the store lost it, without a gateway restart. Every
 * `intervalMs` (`redis.reseedCheckMs`) and each time Redis reconnects, it looks for the seed
 * marker (SeedMarker); missing, it takes the seeding lock, applies the catalog files again (the
 * runtime's own reload, what seeds at start) and sets the marker. A replica that does not get
 * the lock checks again next time. Failures (Redis still down) are logged and retried at the
 * next check.
 */
import type { Logger } from 'pino';
import type { SeedMarker } from './SeedMarker.ts';

export interface WatchSeedOptions {
  readonly marker: SeedMarker;
  /** Applies the catalog files to the store; true when it did. */
  readonly seed: () => Promise<boolean>;
  readonly intervalMs: number;
  readonly log: Pick<Logger, 'info' | 'warn'>;
}

/** How long one replica may hold the seeding lock. */
const SEED_LOCK_MS = 30_000;

/** Starts watching (after the first seed: the marker is set now); returns stop. */
export async function watchSeed(options: WatchSeedOptions): Promise<() => void> {
  const { marker, log } = options;
  let running: Promise<void> | undefined;
  let stopped = false;
  const check = async () => {
    if (await marker.seeded()) return;
    if (!(await marker.claim(SEED_LOCK_MS))) return;
    log.warn('the store has lost the catalog (Redis restarted empty or flushed): seeding it again');
    if (await options.seed()) {
      await marker.mark();
      log.info('catalog seeded again');
    }
  };
  const checkOnce = () => {
    if (stopped || running) return;
    running = check()
      .catch((err: unknown) => log.warn({ err: { message: (err as Error).message } }, 'catalog seed check failed; trying again later'))
      .finally(() => {
        running = undefined;
      });
  };
  await marker.mark();
  const timer = setInterval(checkOnce, options.intervalMs);
  timer.unref();
  marker.onReconnect(checkOnce);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
