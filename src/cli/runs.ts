/**
 * `lattice runs [--action A] [--status S] [--first N]`: the runs the caller may see, newest
 * first, as a table (id, status, action, entity, creator, created); `--json`: the runs as a JSON
 * array. `--first` is capped by the server's page size limits like any `runs(first:)`.
 */
import { parseCommand, parsePositiveInt, UsageError } from './args.ts';
import { request } from './client.ts';
import { EXIT_CODES } from './exitCodes.ts';
import { table, type CliIO } from './output.ts';
import { RUN_FIELDS, type CliRun } from './runFields.ts';

const STATUSES = ['WAITING_FOR_APPROVAL', 'IN_PROGRESS', 'SUCCESS', 'FAILURE', 'DECLINED', 'CANCELLED'];

export const RUNS_USAGE = `Usage: lattice runs [--action ACTION] [--status STATUS] [--first N] [--json] [--url URL]

Lists the runs you may see, newest first (default: 20).
  --status   one of ${STATUSES.join(', ')}
Exit codes: 0 listed; 1 refused; 2 usage error; 6 unreachable.
`;

export async function runsCommand(args: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(args, { options: { action: { type: 'string' }, status: { type: 'string' }, first: { type: 'string' } }, positionals: [], url: io.url });
  if (!parsed) {
    io.out(RUNS_USAGE);
    return EXIT_CODES.SUCCESS;
  }
  const v = parsed.values as { action?: string; status?: string; first?: string };
  const status = v.status?.toUpperCase();
  if (status !== undefined && !STATUSES.includes(status)) throw new UsageError(`--status takes one of ${STATUSES.join(', ')}, got "${v.status}"`);
  const first = v.first === undefined ? 20 : parsePositiveInt('first', v.first);
  const data = await request<{ runs: { nodes: CliRun[] } }>(
    { endpoint: parsed.endpoint, token: io.token },
    `query($filter: RunFilter, $first: Int) { runs(filter: $filter, first: $first) { nodes { ${RUN_FIELDS} } } }`,
    { filter: { ...(v.action ? { action: v.action } : {}), ...(status ? { status } : {}) }, first },
  );
  const runs = data.runs.nodes;
  if (parsed.json) {
    io.out(JSON.stringify(runs));
    return EXIT_CODES.SUCCESS;
  }
  for (const line of table(
    ['RUN', 'STATUS', 'ACTION', 'ENTITY', 'BY', 'CREATED'],
    runs.map((r) => [r.id, r.status, r.action, r.entity?.identifier ?? '-', r.createdBy, r.createdAt]),
  ))
    io.out(line);
  return EXIT_CODES.SUCCESS;
}
