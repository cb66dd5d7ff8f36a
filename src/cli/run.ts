/**
 * `lattice run <action>`: runs a self-service action from a script or CI job.
 *
 *   lattice run <action> [--entity ID] [--input key=value ...] [--inputs file.json]
 *                        [--idempotency-key KEY] [--wait [--heartbeat 30s] [--timeout 10m]] [--dry-run] [--url URL]
 *
 * Calls `executeAction` over HTTP with `Authorization: Bearer $LATTICE_TOKEN` and prints the run
 * id (alone on the first line of stdout). With `--wait` it then follows the run (follow.ts),
 * printing each log line and each status change as they happen, and exits with the run's outcome.
 * While it waits, stderr says who must approve (approvers.ts) and has a heartbeat line every
 * `--heartbeat` (elapsed time and status); `--timeout` gives up with 124 and Ctrl-C with 130,
 * both saying the run goes on and how to follow it. `--dry-run` runs every check of the execution
 * (inputs, permission, condition, gates) and prints the invocation it would send (JSON, secrets
 * as "***") instead of a run id; nothing runs (docs/orchestration.md).
 *
 * Inputs: `--inputs` reads a JSON object from a file; each `--input key=value` then sets one
 * input, the value parsed as JSON when it parses (`3`, `true`, `null`, `["a","b"]`,
 * `{"k":1}`) and taken as a string otherwise (`name=cart`).
 *
 * Exit codes (exitCodes.ts): 0 the run was created (without --wait) or ended SUCCESS; 1 FAILURE;
 * 2 usage error (bad arguments, unreadable --inputs file); 3 DECLINED; 4 CANCELLED; 5 the server
 * refused the call (invalid inputs, each printed with its JSON pointer; unknown action or entity;
 * not allowed; missing or wrong token; idempotency key reused for another request); 6 any other
 * error (server unreachable, connection lost); 124 --timeout; 130 interrupted.
 */
import { readFile } from 'node:fs/promises';
import { DEFAULT_URL, parseCommand, parseDuration, UsageError } from './args.ts';
import { approvalLine, fetchApproval } from './approvers.ts';
import { Refused, request, type Connection } from './client.ts';
import { EXIT_CODES } from './exitCodes.ts';
import { follow } from './follow.ts';
import { describe, printErrors, type CliIO } from './output.ts';

const DEFAULT_HEARTBEAT_MS = 30_000;

export const RUN_USAGE = `Usage: lattice run <action> [options]

Runs a self-service action and prints the run id.

Options:
  --entity ID              the entity a DAY-2 or DELETE action runs on
  --input key=value        one input (repeatable); the value is parsed as JSON when it can be
                           (3, true, null, ["a"]), else taken as a string
  --inputs file.json       inputs from a JSON object (--input values win)
  --idempotency-key KEY    a retried call with the same key and inputs returns the same run
  --wait                   follow the run: print its log lines and status changes, exit with its outcome
  --heartbeat DURATION     with --wait: a line on stderr this often (default 30s): elapsed time, status
  --timeout DURATION       with --wait: stop waiting after this long (e.g. 90s, 10m); exit 124, the run goes on
  --dry-run                check everything (inputs, permission, gates) and print the invocation it would
                           send (JSON, secrets masked); nothing runs
  --url URL                the GraphQL endpoint (default: LATTICE_URL, else ${DEFAULT_URL})
  -h, --help               this help

Environment: LATTICE_TOKEN (the API token sent as a Bearer token), LATTICE_URL.

Exit codes: 0 created (no --wait) or SUCCESS; 1 FAILURE; 2 usage error; 3 DECLINED;
4 CANCELLED; 5 refused by the server (e.g. invalid inputs); 6 other errors;
124 --timeout passed (the run goes on); 130 interrupted (the run goes on).
`;

interface RunRequest {
  readonly action: string;
  readonly entity?: string;
  readonly inputs: Record<string, unknown>;
  readonly idempotencyKey?: string;
  readonly wait: boolean;
  readonly dryRun: boolean;
  readonly heartbeatMs: number;
  readonly timeoutMs?: number;
  readonly connection: Connection;
}

/** Runs `lattice run` with these arguments (after `run`); resolves with the exit code. */
export async function runCommand(args: readonly string[], io: CliIO): Promise<number> {
  const req = await parseRunArgs(args, io);
  if (req === undefined) {
    io.out(RUN_USAGE);
    return EXIT_CODES.SUCCESS;
  }
  let run: { id: string; status: string; invocation: unknown };
  try {
    run = (
      await request<{ executeAction: { id: string; status: string; invocation: unknown } }>(
        req.connection,
        'mutation($action: String!, $entity: String, $inputs: JSON!, $key: String, $dryRun: Boolean) { executeAction(action: $action, entity: $entity, inputs: $inputs, idempotencyKey: $key, dryRun: $dryRun) { id status invocation } }',
        { action: req.action, entity: req.entity ?? null, inputs: req.inputs, key: req.idempotencyKey ?? null, dryRun: req.dryRun },
      )
    ).executeAction;
  } catch (err) {
    if (!(err instanceof Refused)) throw err;
    printErrors(err.errors, io);
    if (!io.token && err.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) io.err('hint: set LATTICE_TOKEN to an API token');
    return err.errors.some((e) => e.extensions?.code && e.extensions.code !== 'INTERNAL_SERVER_ERROR') ? EXIT_CODES.REFUSED : EXIT_CODES.ERROR;
  }
  if (req.dryRun) {
    io.out(JSON.stringify(run.invocation, null, 2));
    io.err(`lattice run: dry run: ${req.action} would start ${run.status}; nothing ran`);
    return EXIT_CODES.SUCCESS;
  }
  io.out(run.id);
  if (!req.wait) return EXIT_CODES.SUCCESS;
  return follow({
    connection: req.connection,
    runId: run.id,
    io,
    command: 'lattice run',
    onLog: (line) => io.out(line.message),
    onStatus: io.out,
    heartbeatMs: req.heartbeatMs,
    timeoutMs: req.timeoutMs,
    onWaiting: async () => {
      const info = await fetchApproval(req.connection, run.id);
      if (info) io.err(`lattice run: ${approvalLine(info)}`);
    },
  });
}

async function parseRunArgs(args: readonly string[], io: CliIO): Promise<RunRequest | undefined> {
  const parsed = parseCommand(args, {
    options: {
      entity: { type: 'string' },
      input: { type: 'string', multiple: true },
      inputs: { type: 'string' },
      'idempotency-key': { type: 'string' },
      wait: { type: 'boolean' },
      heartbeat: { type: 'string' },
      timeout: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
    positionals: ['action to run'],
    url: io.url,
  });
  if (!parsed) return undefined;
  const v = parsed.values as { entity?: string; input?: string[]; inputs?: string; 'idempotency-key'?: string; wait?: boolean; heartbeat?: string; timeout?: string; 'dry-run'?: boolean };
  if (!v.wait && (v.heartbeat !== undefined || v.timeout !== undefined)) throw new UsageError('--heartbeat and --timeout need --wait');
  if (v['dry-run'] && (v.wait || v['idempotency-key'] !== undefined)) throw new UsageError('--dry-run runs nothing: it takes neither --wait nor --idempotency-key');
  const inputs: Record<string, unknown> = v.inputs === undefined ? {} : await readInputsFile(v.inputs);
  for (const pair of v.input ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--input takes key=value, got "${pair}"`);
    inputs[pair.slice(0, eq)] = parseValue(pair.slice(eq + 1));
  }
  return {
    action: parsed.positionals[0],
    entity: v.entity,
    inputs,
    idempotencyKey: v['idempotency-key'],
    wait: v.wait ?? false,
    dryRun: v['dry-run'] ?? false,
    heartbeatMs: v.heartbeat === undefined ? DEFAULT_HEARTBEAT_MS : parseDuration('heartbeat', v.heartbeat),
    timeoutMs: v.timeout === undefined ? undefined : parseDuration('timeout', v.timeout),
    connection: { endpoint: parsed.endpoint, token: io.token },
  };
}

/** `3`, `true`, `null`, `["a"]`, `{"k":1}`, `"quoted"` as JSON; anything else as the string it is. */
export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function readInputsFile(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read --inputs ${file}: ${describe(err)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--inputs ${file} is not JSON: ${describe(err)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`--inputs ${file} must hold a JSON object of inputs`);
  return value as Record<string, unknown>;
}
