/**
 * Following a run until it ends, over one graphql-ws connection (`runUpdated` and `runLogs`):
 * what `lattice run --wait` and `lattice logs --follow` share. Log lines and status changes are
 * handed over as they come, the final status last (after every log line). A dropped connection
 * is retried; lines already handed over are not again (by cursor), nor an unchanged status.
 *
 * While it waits it can print a heartbeat to stderr (`heartbeatMs`: elapsed time and status), give
 * up after `timeoutMs` (exit 124), and on Ctrl-C (SIGINT) exit 130; both say the run goes on and
 * how to follow it, since neither cancels it. `onWaiting` runs once, when the run first waits for
 * approval (run.ts prints who must approve).
 */
import type { GraphQLErrorShape, Connection } from './client.ts';
import { subscriber } from './client.ts';
import { EXIT_CODES, FINAL_EXIT } from './exitCodes.ts';
import { describe, formatElapsed, printErrors, type CliIO } from './output.ts';

export interface RunState {
  readonly status: string;
  readonly statusLabel: string | null;
  readonly summary: string | null;
  readonly links: readonly string[];
}

export interface LogLine {
  readonly cursor: string;
  readonly message: string;
  readonly at: string;
}

export interface FollowOptions {
  readonly connection: Connection;
  readonly runId: string;
  readonly io: CliIO;
  /** The command, for messages ("lattice run"). */
  readonly command: string;
  /** Each new log line. */
  readonly onLog: (line: LogLine) => void;
  /** Each status change ("status: …") and each new link ("link: …"), as text. */
  readonly onStatus: (text: string) => void;
  readonly heartbeatMs?: number;
  readonly timeoutMs?: number;
  readonly onWaiting?: () => Promise<void>;
}

/** Resolves with the exit code: the run's outcome (FINAL_EXIT), TIMEOUT, INTERRUPTED or ERROR. */
export async function follow(options: FollowOptions): Promise<number> {
  const { io, runId, command } = options;
  const client = subscriber(options.connection);
  const started = Date.now();
  let lastCursor = 0;
  let shown: RunState | undefined;
  let final: RunState | undefined;
  let waited = false;
  const links = new Set<string>();
  const show = (run: RunState) => {
    for (const link of run.links) {
      if (links.has(link)) continue;
      links.add(link);
      options.onStatus(`link: ${link}`);
    }
    if (shown && shown.status === run.status && shown.statusLabel === run.statusLabel) return;
    shown = run;
    options.onStatus(`status: ${run.status}${run.statusLabel ? ` (${run.statusLabel})` : ''}${FINAL_EXIT[run.status] !== undefined && run.summary ? `: ${run.summary}` : ''}`);
    if (run.status === 'WAITING_FOR_APPROVAL' && !waited && options.onWaiting) {
      waited = true;
      options.onWaiting().catch((err: unknown) => io.err(`${command}: cannot tell who must approve: ${describe(err)}`));
    }
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
  const goesOn = () => `run ${runId} goes on (status ${shown?.status ?? 'unknown'}); follow it with: lattice logs ${runId} --follow`;

  const ended = Promise.all([
    stream<{ runUpdated: RunState }>('subscription($id: ID!) { runUpdated(id: $id) { status statusLabel summary links } }', ({ runUpdated }) => {
      if (FINAL_EXIT[runUpdated.status] !== undefined) final = runUpdated;
      else show(runUpdated);
    }),
    stream<{ runLogs: LogLine }>('subscription($id: ID!) { runLogs(id: $id) { cursor message at } }', ({ runLogs }) => {
      const cursor = Number(runLogs.cursor);
      if (cursor <= lastCursor) return;
      lastCursor = cursor;
      options.onLog(runLogs);
    }),
  ]).then(
    () => {
      if (!final) {
        io.err(`${command}: the run's updates ended before the run did (last status: ${shown?.status ?? 'unknown'})`);
        return EXIT_CODES.ERROR;
      }
      show(final);
      return FINAL_EXIT[final.status];
    },
    (err: unknown) => {
      const errors = Array.isArray(err) ? (err as GraphQLErrorShape[]) : (err as { graphqlErrors?: GraphQLErrorShape[] }).graphqlErrors;
      if (errors) printErrors(errors, io);
      else io.err(`${command}: lost the run's updates: ${describe(err)}`);
      return EXIT_CODES.ERROR;
    },
  );

  let stop: (code: number) => void = () => {};
  const stopped = new Promise<number>((resolve) => (stop = resolve));
  const heartbeat = options.heartbeatMs ? setInterval(() => io.err(`${command}: waiting for run ${runId}: ${formatElapsed(Date.now() - started)} elapsed, status ${shown?.status ?? 'unknown'}`), options.heartbeatMs) : undefined;
  const timeout = options.timeoutMs
    ? setTimeout(() => {
        io.err(`${command}: timed out after ${formatElapsed(options.timeoutMs ?? 0)}; ${goesOn()}`);
        stop(EXIT_CODES.TIMEOUT);
      }, options.timeoutMs)
    : undefined;
  const interrupted = () => {
    io.err(`${command}: interrupted; ${goesOn()}`);
    stop(EXIT_CODES.INTERRUPTED);
  };
  process.once('SIGINT', interrupted);
  try {
    return await Promise.race([ended, stopped]);
  } finally {
    clearInterval(heartbeat);
    clearTimeout(timeout);
    process.off('SIGINT', interrupted);
    await client.dispose();
  }
}
