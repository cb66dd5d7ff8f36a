/**
 * GuardedWrite: Redis commands applied all together, and only if the hash fields they were computed
 * from still hold what was read (a per-field compare-and-set). RedisEntityStore builds one per write
 * call: a guard for each entity it read, then the commands (HSET/HDEL of the entities, the reverse
 * index and origin sets, the change log); `applyGuarded` runs them as one Lua script (EVALSHA,
 * atomic, one round trip). A write that conflicts is one whose entities another writer changed
 * in between: writers of other entities, even of the same blueprint, never conflict.
 *
 * GUARDED_SCRIPT's contract:
 *   KEYS  every key the write touches, each once.
 *   ARGV  g, the number of guards; then g guards, each 3 values: the index in KEYS of a hash, a
 *         field, the value the field must still hold ('' for "still absent": a stored entity is
 *         never ''); then the commands to the end, each: its name, the index in KEYS of its key,
 *         its argument count n, then its n arguments.
 *   Answer []: every guard held and every command ran. Else nothing was applied, and the answer
 *         names each guard that failed with what its field holds now: its 1-based number, then
 *         the value ('' for absent), for each.
 * The answer is the writer's fresh read: a writer that lost retries in one round trip, not two
 * (read, then write), so it catches up with a writer that keeps writing the same entity instead
 * of losing to it every time (two replicas writing one entity in a loop did, with a read first;
 * a replica far behind in its event loop can still lose every time: bench/README.md, "Entity
 * writes across replicas"). Like MULTI/EXEC, a command that fails halfway is not rolled back.
 * Lua's unpack takes a few thousand values at most: a command carries at most MAX_COMMAND_ARGS
 * arguments (callers split a long RPUSH).
 */
import type { Redis } from 'ioredis';

/** The most arguments one command of a GuardedWrite may carry (Lua's unpack has a limit). */
export const MAX_COMMAND_ARGS = 1000;

const GUARDED_SCRIPT = `
local guards = tonumber(ARGV[1])
local at = 2
local changed = {}
for i = 1, guards do
  local held = redis.call('HGET', KEYS[tonumber(ARGV[at])], ARGV[at + 1]) or ''
  if held ~= ARGV[at + 2] then
    changed[#changed + 1] = i
    changed[#changed + 1] = held
  end
  at = at + 3
end
if #changed > 0 then return changed end
while at <= #ARGV do
  local n = tonumber(ARGV[at + 2])
  redis.call(ARGV[at], KEYS[tonumber(ARGV[at + 1])], unpack(ARGV, at + 3, at + 2 + n))
  at = at + 3 + n
end
return {}
`;

/** The commands a GuardedWrite may carry. */
type WriteCommand = 'hset' | 'hdel' | 'sadd' | 'srem' | 'rpush' | 'ltrim' | 'hsetnx' | 'hincrby';

/** A hash field a write was computed from, as read. */
interface Guard {
  readonly key: string;
  readonly field: string;
  /** The value read; undefined: the field was absent. */
  readonly expected: string | undefined;
}

export class GuardedWrite {
  private readonly keys = new Map<string, number>();
  private readonly guards: Guard[] = [];
  private readonly commands: string[] = [];

  /** Applies nothing unless `field` of hash `key` still holds `expected` (undefined: still absent). */
  guard(key: string, field: string, expected: string | undefined): void {
    this.guards.push({ key, field, expected });
  }

  command(name: WriteCommand, key: string, ...args: readonly (string | number)[]): void {
    if (args.length > MAX_COMMAND_ARGS) throw new RangeError(`GuardedWrite: ${name} with ${args.length} arguments, at most ${MAX_COMMAND_ARGS}`);
    this.commands.push(name, String(this.indexOf(key)), String(args.length), ...args.map(String));
  }

  /** Whether there is anything to apply (no command: nothing to write, no script to run). */
  get empty(): boolean {
    return this.commands.length === 0;
  }

  /** The script's arguments: the number of keys, the keys, then ARGV. */
  args(): string[] {
    const guards = this.guards.flatMap((g) => [String(this.indexOf(g.key)), g.field, g.expected ?? '']);
    return [String(this.keys.size), ...this.keys.keys(), String(this.guards.length), ...guards, ...this.commands];
  }

  private indexOf(key: string): number {
    let index = this.keys.get(key);
    if (index === undefined) this.keys.set(key, (index = this.keys.size + 1));
    return index;
  }
}

interface GuardedClient {
  /** One array, not spread: a large write has more arguments than a call may take. */
  latticeGuardedWrite(args: readonly string[]): Promise<(string | number)[]>;
}

/** A guard that no longer held: its index (0-based, in the order given) and what the field holds now. */
export interface FailedGuard {
  readonly guard: number;
  readonly held: string | undefined;
}

/** Teaches `redis` the script (ioredis sends EVALSHA, and the script itself when Redis lacks it). */
export function defineGuardedWrite(redis: Redis): void {
  redis.defineCommand('latticeGuardedWrite', { lua: GUARDED_SCRIPT });
}

/**
 * Runs `write` on `redis` (given to defineGuardedWrite first): [] when it was applied; else the
 * guards that failed, with what their fields hold now, and nothing was applied.
 */
export async function applyGuarded(redis: Redis, write: GuardedWrite): Promise<FailedGuard[]> {
  const answer = await (redis as unknown as GuardedClient).latticeGuardedWrite(write.args());
  const failed: FailedGuard[] = [];
  for (let i = 0; i < answer.length; i += 2) failed.push({ guard: Number(answer[i]) - 1, held: answer[i + 1] === '' ? undefined : String(answer[i + 1]) });
  return failed;
}
