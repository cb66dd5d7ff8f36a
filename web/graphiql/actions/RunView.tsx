/**
 * One run, live: its status from the `runUpdated` subscription (current state first, then every
 * change, completing when the run ends) and its log lines from `runLogs`, both over graphql-ws.
 */
import { useEffect, useState } from 'react';
import { useLattice } from '../lattice.ts';

interface RunState {
  readonly id: string;
  readonly status: string;
  readonly statusLabel: string | null;
  readonly summary: string | null;
  readonly links: readonly string[];
}

interface LogLine {
  readonly cursor: string;
  readonly message: string;
  readonly at: string;
}

const RUN_UPDATED = `subscription LatticeRunUpdated($id: ID!) { runUpdated(id: $id) { id status statusLabel summary links } }`;
const RUN_LOGS = `subscription LatticeRunLogs($id: ID!) { runLogs(id: $id) { cursor message at } }`;

export function RunView({ runId }: { runId: string }) {
  const lattice = useLattice();
  const [run, setRun] = useState<RunState | null>(null);
  const [logs, setLogs] = useState<readonly LogLine[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setRun(null);
    setLogs([]);
    setError(null);
    const fail = (err: unknown) => err && setError(err instanceof Error ? err.message : describe(err));
    const stopRun = lattice.subscribe<{ runUpdated: RunState }>(
      { query: RUN_UPDATED, variables: { id: runId }, operationName: 'LatticeRunUpdated' },
      {
        next: (r) => (r.data ? setRun(r.data.runUpdated) : fail(r.errors?.[0]?.message)),
        done: fail,
      },
    );
    const stopLogs = lattice.subscribe<{ runLogs: LogLine }>(
      { query: RUN_LOGS, variables: { id: runId }, operationName: 'LatticeRunLogs' },
      {
        next: (r) => (r.data ? setLogs((l) => (l.some((x) => x.cursor === r.data!.runLogs.cursor) ? l : [...l, r.data!.runLogs])) : fail(r.errors?.[0]?.message)),
        done: fail,
      },
    );
    return () => {
      stopRun();
      stopLogs();
    };
    // The subscriptions follow the run, not each keystroke in the header editor.
  }, [runId]);

  return (
    <section className="lattice-run" aria-label={`Run ${runId}`} data-status={run?.status ?? 'PENDING'}>
      <div>
        Run <code>{runId}</code>: <strong className={`lattice-status lattice-status-${(run?.status ?? 'pending').toLowerCase()}`}>{run?.status ?? '…'}</strong>
        {run?.statusLabel && <> · {run.statusLabel}</>}
      </div>
      {run?.summary && <p className="lattice-summary">{run.summary}</p>}
      {run?.links.map((link) => (
        <a key={link} href={link} target="_blank" rel="noreferrer noopener">
          {link}
        </a>
      ))}
      {error && <p className="lattice-error">{error}</p>}
      <ol className="lattice-logs" aria-label="Run logs">
        {logs.map((line) => (
          <li key={line.cursor}>
            <time dateTime={line.at}>{new Date(line.at).toLocaleTimeString()}</time> {line.message}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** graphql-ws hands errors as arrays of GraphQL errors or as CloseEvents. */
function describe(err: unknown): string {
  if (Array.isArray(err)) return err.map((e: { message?: string }) => e.message ?? String(e)).join('; ');
  if (err && typeof err === 'object' && 'code' in err) return `the socket closed (${(err as CloseEvent).code} ${(err as CloseEvent).reason})`;
  return String(err);
}
