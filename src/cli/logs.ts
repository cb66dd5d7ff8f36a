/**
 * `lattice logs <runId> [--follow]`: a run's log lines, one a line (`--json`: one JSON object a
 * line, with cursor and time). Without `--follow` it pages through `run.logs` and exits 0; with it,
 * it streams `runLogs` over graphql-ws from the first line until the run ends (follow.ts; status
 * changes on stderr) and exits with the run's outcome, like `lattice run --wait`.
 */
import { parseCommand } from './args.ts';
import { Refused, request, type Connection } from './client.ts';
import { EXIT_CODES } from './exitCodes.ts';
import { follow, type LogLine } from './follow.ts';
import type { CliIO } from './output.ts';

const PAGE = 100;

export const LOGS_USAGE = `Usage: lattice logs <runId> [--follow] [--json] [--url URL]

Prints a run's log lines (--json: one JSON object a line: cursor, message, at).
  --follow   stream new lines until the run ends (status changes on stderr); exit with its outcome
Exit codes: 0 printed (with --follow: the run ended SUCCESS); 1 refused, or (--follow) FAILURE;
2 usage error; 3 DECLINED, 4 CANCELLED (--follow); 6 unreachable; 130 interrupted (the run goes on).
`;

export async function logsCommand(args: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(args, { options: { follow: { type: 'boolean', short: 'f' } }, positionals: ['run id'], url: io.url });
  if (!parsed) {
    io.out(LOGS_USAGE);
    return EXIT_CODES.SUCCESS;
  }
  const connection: Connection = { endpoint: parsed.endpoint, token: io.token };
  const runId = parsed.positionals[0];
  const print = (line: LogLine) => io.out(parsed.json ? JSON.stringify(line) : line.message);
  if (parsed.values.follow) return follow({ connection, runId, io, command: 'lattice logs', onLog: print, onStatus: io.err });
  let after: string | null = null;
  for (;;) {
    const data: { run: { logs: LogLine[] } | null } = await request(connection, 'query($id: ID!, $after: String, $first: Int) { run(id: $id) { logs(after: $after, first: $first) { cursor message at } } }', {
      id: runId,
      after,
      first: PAGE,
    });
    if (!data.run) throw new Refused([{ message: `no run "${runId}" that you may see`, extensions: { code: 'NOT_FOUND' } }]);
    for (const line of data.run.logs) print(line);
    if (data.run.logs.length < PAGE) return EXIT_CODES.SUCCESS;
    after = data.run.logs[data.run.logs.length - 1].cursor;
  }
}
