/**
 * Argument parsing shared by the `lattice` commands, on node:util's parseArgs (strict: an unknown
 * flag is a usage error): the common flags (`--url`, `--json`, `-h/--help`), the endpoint
 * (`--url`, else LATTICE_URL, else DEFAULT_URL; an address without a path gets `/graphql`) and
 * durations (`--timeout 10m`, `--heartbeat 30s`).
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

export const DEFAULT_URL = 'http://localhost:4000/graphql';

/** Bad arguments: the command prints the message and its usage, and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The flags every command takes. */
const COMMON = {
  url: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

export interface ParsedCommand {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
  /** The GraphQL endpoint (http or https). */
  readonly endpoint: string;
  readonly json: boolean;
}

/**
 * Parses a command's arguments: its own `options` plus the common ones, and exactly
 * `positionals` names (e.g. ['runId']). Undefined when `--help` was asked for.
 */
export function parseCommand(args: readonly string[], spec: { readonly options: ParseArgsOptionsConfig; readonly positionals: readonly string[]; readonly url?: string }): ParsedCommand | undefined {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { ...spec.options, ...COMMON } });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  if (positionals.length < spec.positionals.length) throw new UsageError(`name the ${spec.positionals.slice(positionals.length).join(' and the ')}`);
  if (positionals.length > spec.positionals.length) throw new UsageError(`unexpected argument${positionals.length - spec.positionals.length > 1 ? 's' : ''}: ${positionals.slice(spec.positionals.length).join(' ')}`);
  return { values, positionals, endpoint: endpointOf(typeof values.url === 'string' ? values.url : (spec.url ?? DEFAULT_URL)), json: values.json === true };
}

export function endpointOf(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError(`not a URL: "${url}"`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`the URL must be http:// or https://, got "${url}"`);
  if (u.pathname === '/' || u.pathname === '') u.pathname = '/graphql';
  return u.toString();
}

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * `90s`, `10m`, `1h`, `500ms` (a bare number is seconds) → milliseconds, > 0. Four units do not
 * need a library; anything else is a usage error naming the flag.
 */
export function parseDuration(flag: string, text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  const ms = m ? Number(m[1]) * UNITS[m[2] ?? 's'] : NaN;
  if (!(ms > 0)) throw new UsageError(`--${flag} takes a duration such as 90s, 10m or 1h, got "${text}"`);
  return ms;
}

/** A positive whole number flag (`--first 20`). */
export function parsePositiveInt(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${flag} takes a whole number ≥ 1, got "${text}"`);
  return n;
}
