/**
 * How the CLI writes: the IO it is given (stdout for results, stderr for errors, heartbeats and
 * hints), GraphQL errors as `error CODE: message` (invalid inputs one JSON pointer a line), plain
 * text tables, durations, and what an unexpected error says.
 */
import type { GraphQLErrorShape } from './client.ts';

export interface CliIO {
  /** LATTICE_TOKEN. */
  readonly token?: string;
  /** LATTICE_URL. */
  readonly url?: string;
  /** One line to stdout: the result. */
  readonly out: (line: string) => void;
  /** One line to stderr: errors, heartbeats, hints. */
  readonly err: (line: string) => void;
}

export function printErrors(errors: readonly GraphQLErrorShape[], io: CliIO): void {
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

/** Rows under a header, columns padded to their widest cell. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** 75_000 → "1m15s"; 4_000 → "4s". */
export function formatElapsed(ms: number): string {
  const total = Math.floor(ms / 1000);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m${String(s).padStart(2, '0')}s` : m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}

export function describe(err: unknown): string {
  if (Array.isArray(err)) return err.map(describe).join('; ');
  const e = err as { message?: string; code?: number | string; reason?: string; cause?: { code?: string; message?: string } };
  if (typeof e?.code === 'number' && 'reason' in (e as object)) return `connection closed (${e.code}${e.reason ? ` ${e.reason}` : ''})`;
  const cause = e?.cause?.code ?? e?.cause?.message;
  return cause ? `${e.message ?? String(err)} (${cause})` : (e?.message ?? String(err));
}
