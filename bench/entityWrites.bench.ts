/**
 * Entity writes across replicas on Redis: how often RedisEntityStore's writes conflict, retry and
 * give up when two replicas write different entities of one blueprint at once.
 *
 * Two stores (two connections, as two replicas) each upsert WRITES entities of one blueprint, all
 * sent at once (2 × WRITES concurrent `put`s of one entity each): first as creates, then as
 * updates of the same identifiers; last, both replicas write the same HOT entities (each write
 * another title), where writes do conflict. Redis is a redis-server of this run's own (test/setup/redis.ts),
 * so its command counts (INFO commandstats, reset before each round) are the stores' alone:
 *
 * - write attempts: EXEC (a WATCH/MULTI store) or EVAL/EVALSHA (the compare-and-set script);
 * - refused attempts = attempts − writes that succeeded (each retry, and each of the attempts of
 *   a write that gave up); the store's own `retries` counter too when it has one;
 * - failed writes (the store gave up) and Redis commands per write.
 *
 * Counts do not depend on the machine's load; the times printed do (the load average is printed).
 * BENCH_STORE names another RedisEntityStore module, e.g. main's before this change:
 *
 *   node bench/entityWrites.bench.ts
 *   BENCH_STORE=/work/main/src/data/redis/RedisEntityStore.ts node bench/entityWrites.bench.ts
 *   BENCH_WRITES=1000 node bench/entityWrites.bench.ts
 */
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import type { EntityInput } from '../src/model/entities/entity.ts';
import type { EntityStore } from '../src/data/EntityStore.ts';
import { startOwnRedis } from '../test/setup/redis.ts';
import { percentile, round } from './stats.ts';

const WRITES = Number(process.env.BENCH_WRITES ?? 1000);
const STORE_MODULE = path.resolve(process.env.BENCH_STORE ?? path.join(import.meta.dirname, '../src/data/redis/RedisEntityStore.ts'));
const PREFIX = 'bench:';
const ATTEMPT_COMMANDS = ['exec', 'eval', 'evalsha'];
const HOT = 10;
const ROUNDS: readonly Round[] = [
  { name: 'create', identifier: (s, i) => `r${s}-${i}`, title: 'created' },
  { name: 'update', identifier: (s, i) => `r${s}-${i}`, title: 'updated' },
  // Both replicas write the same HOT entities: real conflicts, the only ones left.
  { name: `same ${HOT}`, identifier: (_, i) => `hot-${i % HOT}`, title: 'hot' },
];

interface BenchStore extends EntityStore {
  readonly retries?: number;
}
interface StoreClass {
  connect(url: string, prefix: string): Promise<BenchStore>;
}

function component(identifier: string, title: string): EntityInput {
  return { blueprint: 'Component', identifier, title, icon: null, team: [], properties: { type: 'service' }, relations: { system: `S${identifier.length % 7}` }, origin: 'api' };
}

/** Calls per command since the last CONFIG RESETSTAT. */
async function commandCalls(redis: Redis): Promise<Map<string, number>> {
  const info = await redis.info('commandstats');
  return new Map([...info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)].map((m) => [m[1], Number(m[2])]));
}

interface Round {
  readonly name: string;
  /** The identifier store number `s` writes in its `i`-th upsert. */
  readonly identifier: (s: number, i: number) => string;
  readonly title: string;
}

async function runRound({ name, identifier, title }: Round, stores: readonly BenchStore[], admin: Redis) {
  await admin.config('RESETSTAT');
  const retriesBefore = stores.map((s) => s.retries ?? 0);
  const times: number[] = [];
  const failures = new Map<string, number>();
  let ok = 0;
  const started = performance.now();
  await Promise.all(
    stores.flatMap((store, s) =>
      Array.from({ length: WRITES }, async (_, i) => {
        const t0 = performance.now();
        try {
          await store.put([component(identifier(s, i), `${title} ${s}.${i}`)]);
          ok++;
          times.push(performance.now() - t0);
        } catch (err) {
          const message = (err as Error).message;
          failures.set(message, (failures.get(message) ?? 0) + 1);
        }
      }),
    ),
  );
  const elapsed = performance.now() - started;
  const calls = await commandCalls(admin);
  calls.delete('config');
  const attempts = ATTEMPT_COMMANDS.reduce((sum, c) => sum + (calls.get(c) ?? 0), 0);
  const commands = [...calls.values()].reduce((a, b) => a + b, 0) - 1; // INFO itself
  const sorted = Float64Array.from(times).sort();
  const retries = stores.some((s) => s.retries !== undefined) ? stores.reduce((sum, s, i) => sum + (s.retries ?? 0) - retriesBefore[i], 0) : undefined;
  return {
    round: name,
    writes: stores.length * WRITES,
    ok,
    failed: stores.length * WRITES - ok,
    attempts,
    refused: attempts - ok,
    retries,
    commandsPerWrite: round(commands / (stores.length * WRITES), 2),
    p50: round(percentile(sorted, 50), 1),
    p99: round(percentile(sorted, 99), 1),
    elapsedMs: Math.round(elapsed),
    failures: Object.fromEntries(failures),
  };
}

async function main() {
  const redis = await startOwnRedis();
  const admin = new Redis(redis.url);
  const { RedisEntityStore } = (await import(pathToFileURL(STORE_MODULE).href)) as { RedisEntityStore: StoreClass };
  const stores = await Promise.all([RedisEntityStore.connect(redis.url, PREFIX), RedisEntityStore.connect(redis.url, PREFIX)]);
  try {
    console.log(`store: ${STORE_MODULE}`);
    console.log(`2 replicas × ${WRITES} concurrent upserts to one blueprint; load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const rows = [];
    for (const round of ROUNDS) rows.push(await runRound(round, stores, admin));
    console.table(rows.map(({ failures: _failures, ...row }) => row));
    for (const row of rows) if (Object.keys(row.failures).length) console.log(row.round, 'failures:', row.failures);
    console.log(`stored: ${await admin.hlen(`${PREFIX}entities:Component`)} entities; load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    await Promise.all(stores.map((s) => s.close()));
    await admin.quit();
    await redis.stop();
  }
}

await main();
