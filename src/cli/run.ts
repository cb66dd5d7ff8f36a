/**
 * `lattice run <action>`: runs a self-service action from a script or CI job.
 *
 *   lattice run <action> [--entity ID] [--input key=value ...] [--inputs file.json]
 *                        [--idempotency-key KEY] [--wait] [--url URL]
 *
 * Calls `executeAction` over HTTP with `Authorization: Bearer $LATTICE_TOKEN` and prints the run
 * id (alone on the first line of stdout). With `--wait` it then follows the run over graphql-ws
 * (`runUpdated` and `runLogs` on one connection, credentials in `connection_init`), printing each
 * log line and each status change as they happen, and exits with the run's outcome.
 *
 * Inputs: `--inputs` reads a JSON object from a file; each `--input key=value` then sets one
 * input, the value parsed as JSON when it parses (`3`, `true`, `null`, `["a","b"]`,
 * `{"k":1}`) and taken as a string otherwise (`name=cart`). The URL is `--url`, else
 * LATTICE_URL, else http://localhost:4000/graphql; an address without a path gets `/graphql`.
 *
 * Exit codes (EXIT_CODES): 0 the run was created (without --wait) or ended SUCCESS; 1 FAILURE;
 * 2 usage error (bad arguments, unreadable --inputs file); 3 DECLINED; 4 CANCELLED; 5 the server
 * refused the call (invalid inputs, each printed with its JSON pointer; unknown action or entity;
 * not allowed; missing or wrong token); 6 any other error (server unreachable, connection lost).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

export const EXIT_CODES = { SUCCESS: 0, FAILURE: 1, USAGE: 2, DECLINED: 3, CANCELLED: 4, REFUSED: 5, ERROR: 6 } as const;

export const DEFAULT_URL = 'http://localhost:4000/graphql';

export const RUN_USAGE = `Usage: lattice run <action> [options]

Runs a self-service action and prints the run id.

Options:
  --entity ID              the entity a DAY-2 or DELETE action runs on
  --input key=value        one input (repeatable); the value is parsed as JSON when it can be
                           (3, true, null, ["a"]), else taken as a string
  --inputs file.json       inputs from a JSON object (--input values win)
  --idempotency-key KEY    a retried call with the same key returns the same run
  --wait                   follow the run: print its log lines and status changes, exit with its outcome
  --url URL                the GraphQL endpoint (default: LATTICE_URL, else ${DEFAULT_URL})
  -h, --help               this help

Environment: LATTICE_TOKEN (the API token sent as a Bearer token), LATTICE_URL.

Exit codes: 0 created (no --wait) or SUCCESS; 1 FAILURE; 2 usage error; 3 DECLINED;
4 CANCELLED; 5 refused by the server (e.g. invalid inputs); 6 other errors.
`;

export interface CliIO {
  /** LATTICE_TOKEN. */
  readonly token?: string;
  /** LATTICE_URL. */
  readonly url?: string;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

interface GraphQLError {
  readonly message: string;
  readonly extensions?: { code?: string; pointer?: string; problems?: { pointer: string; message: string }[] };
}

interface RunState {
  readonly status: string;
  readonly statusLabel: string | null;
  readonly summary: string | null;
  readonly links: readonly string[];
}

const FINAL_EXIT: Readonly<Record<string, number>> = { SUCCESS: EXIT_CODES.SUCCESS, FAILURE: EXIT_CODES.FAILURE, DECLINED: EXIT_CODES.DECLINED, CANCELLED: EXIT_CODES.CANCELLED };

class UsageError extends Error {}

/** Runs `lattice run` with these arguments (after `run`); resolves with the exit code. */
export async function runCommand(args: readonly string[], io: CliIO): Promise<number> {
  let request: { action: string; entity?: string; inputs: Record<string, unknown>; idempotencyKey?: string; wait: boolean; endpoint: string } | undefined;
  try {
    request = await parseRunArgs(args, io);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`lattice run: ${err.message}`);
    io.err(RUN_USAGE);
    return EXIT_CODES.USAGE;
  }
  if (request === undefined) {
    io.out(RUN_USAGE);
    return EXIT_CODES.SUCCESS;
  }

  let answer: { data?: { executeAction?: { id: string; status: string } | null } | null; errors?: GraphQLError[] };
  try {
    const res = await fetch(request.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(io.token ? { authorization: `Bearer ${io.token}` } : {}) },
      body: JSON.stringify({
        query: 'mutation($action: String!, $entity: String, $inputs: JSON!, $key: String) { executeAction(action: $action, entity: $entity, inputs: $inputs, idempotencyKey: $key) { id status } }',
        variables: { action: request.action, entity: request.entity ?? null, inputs: request.inputs, key: request.idempotencyKey ?? null },
      }),
    });
    const text = await res.text();
    try {
      answer = JSON.parse(text);
    } catch {
      io.err(`lattice run: ${request.endpoint} answered ${res.status} with something that is not GraphQL: ${text.slice(0, 200)}`);
      return EXIT_CODES.ERROR;
    }
  } catch (err) {
    io.err(`lattice run: cannot reach ${request.endpoint}: ${describe(err)}`);
    return EXIT_CODES.ERROR;
  }
  const run = answer.data?.executeAction;
  if (!run) {
    const errors = answer.errors ?? [{ message: 'no run in the answer' }];
    printErrors(errors, io);
    if (!io.token && errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) io.err('hint: set LATTICE_TOKEN to an API token');
    return errors.some((e) => e.extensions?.code && e.extensions.code !== 'INTERNAL_SERVER_ERROR') ? EXIT_CODES.REFUSED : EXIT_CODES.ERROR;
  }
  io.out(run.id);
  if (!request.wait) return EXIT_CODES.SUCCESS;
  return follow(request.endpoint, run.id, io);
}

async function parseRunArgs(args: readonly string[], io: CliIO) {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        entity: { type: 'string' },
        input: { type: 'string', multiple: true },
        inputs: { type: 'string' },
        'idempotency-key': { type: 'string' },
        wait: { type: 'boolean' },
        url: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name the action to run' : `one action at a time, got ${positionals.join(', ')}`);
  const inputs: Record<string, unknown> = values.inputs === undefined ? {} : await readInputsFile(values.inputs);
  for (const pair of values.input ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--input takes key=value, got "${pair}"`);
    inputs[pair.slice(0, eq)] = parseValue(pair.slice(eq + 1));
  }
  return {
    action: positionals[0],
    entity: values.entity,
    inputs,
    idempotencyKey: values['idempotency-key'],
    wait: values.wait ?? false,
    endpoint: endpointOf(values.url ?? io.url ?? DEFAULT_URL),
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

function endpointOf(url: string): string {
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

function printErrors(errors: readonly GraphQLError[], io: CliIO) {
  for (const e of errors) {
    const code = e.extensions?.code;
    const problems = e.extensions?.problems ?? [];
    // The message lists the problems too: show it up to them, then one problem a line.
    const cut = problems.length > 0 ? e.message.indexOf(`: ${problems[0].pointer}`) : -1;
    io.err(`error${code ? ` ${code}` : ''}: ${cut > 0 ? e.message.slice(0, cut) : e.message}`);
    for (const p of problems) io.err(`  ${p.pointer}: ${p.message}`);
    if (problems.length === 0 && e.extensions?.pointer) io.err(`  at ${e.extensions.pointer}`);
  }
}

/**
 * Follows the run until it ends: log lines and status changes as they come, the final status
 * last (after every log line). A dropped connection is retried; lines already printed are not
 * printed again (by cursor), nor an unchanged status.
 */
async function follow(endpoint: string, runId: string, io: CliIO): Promise<number> {
  const client = createClient({
    url: endpoint.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: io.token ? { authorization: `Bearer ${io.token}` } : {},
    retryAttempts: 5,
  });
  let lastCursor = 0;
  let shown: RunState | undefined;
  let final: RunState | undefined;
  const links = new Set<string>();
  const show = (run: RunState) => {
    for (const link of run.links) {
      if (links.has(link)) continue;
      links.add(link);
      io.out(`link: ${link}`);
    }
    if (shown && shown.status === run.status && shown.statusLabel === run.statusLabel) return;
    shown = run;
    io.out(`status: ${run.status}${run.statusLabel ? ` (${run.statusLabel})` : ''}${FINAL_EXIT[run.status] !== undefined && run.summary ? `: ${run.summary}` : ''}`);
  };
  const stream = <T>(query: string, onData: (data: T) => void) =>
    new Promise<void>((resolve, reject) => {
      client.subscribe<T>(
        { query, variables: { id: runId } },
        {
          next: (result) => {
            if (result.errors?.length) reject(Object.assign(new Error('subscription refused'), { graphqlErrors: result.errors }));
            else if (result.data) onData(result.data);
          },
          error: reject,
          complete: resolve,
        },
      );
    });
  try {
    await Promise.all([
      stream<{ runUpdated: RunState }>('subscription($id: ID!) { runUpdated(id: $id) { status statusLabel summary links } }', ({ runUpdated }) => {
        if (FINAL_EXIT[runUpdated.status] !== undefined) final = runUpdated;
        else show(runUpdated);
      }),
      stream<{ runLogs: { cursor: string; message: string } }>('subscription($id: ID!) { runLogs(id: $id) { cursor message } }', ({ runLogs }) => {
        const cursor = Number(runLogs.cursor);
        if (cursor <= lastCursor) return;
        lastCursor = cursor;
        io.out(runLogs.message);
      }),
    ]);
  } catch (err) {
    const errors = Array.isArray(err) ? (err as GraphQLError[]) : (err as { graphqlErrors?: GraphQLError[] }).graphqlErrors;
    if (errors) printErrors(errors, io);
    else io.err(`lattice run: lost the run's updates: ${describe(err)}`);
    return EXIT_CODES.ERROR;
  } finally {
    await client.dispose();
  }
  if (!final) {
    io.err(`lattice run: the run's updates ended before the run did (last status: ${shown?.status ?? 'unknown'})`);
    return EXIT_CODES.ERROR;
  }
  show(final);
  return FINAL_EXIT[final.status];
}

function describe(err: unknown): string {
  if (Array.isArray(err)) return err.map(describe).join('; ');
  const e = err as { message?: string; code?: number | string; reason?: string; cause?: { code?: string; message?: string } };
  if (typeof e?.code === 'number' && 'reason' in (e as object)) return `connection closed (${e.code}${e.reason ? ` ${e.reason}` : ''})`;
  const cause = e?.cause?.code ?? e?.cause?.message;
  return cause ? `${e.message ?? String(err)} (${cause})` : (e?.message ?? String(err));
}
