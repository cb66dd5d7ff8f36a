/**
 * `lattice status <runId>`: one run for an on-call engineer: status, action, entity, creator,
 * the approvals needed and who may give them (approvers.ts), decisions so far, links, and how to
 * follow it. `--json`: the run with an `approval` object ({ type, approvers, decisions }).
 */
import { parseCommand } from './args.ts';
import { approvalLine, approversOf } from './approvers.ts';
import { Refused, request } from './client.ts';
import { EXIT_CODES } from './exitCodes.ts';
import type { CliIO } from './output.ts';
import { RUN_FIELDS, type CliRun } from './runFields.ts';

export const STATUS_USAGE = `Usage: lattice status <runId> [--json] [--url URL]

Shows one run: status, action, entity, creator, approvals needed and who may approve, links.
Exit codes: 0 shown; 1 refused or no such run; 2 usage error; 6 unreachable.
`;

export async function statusCommand(args: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(args, { options: {}, positionals: ['run id'], url: io.url });
  if (!parsed) {
    io.out(STATUS_USAGE);
    return EXIT_CODES.SUCCESS;
  }
  const runId = parsed.positionals[0];
  const data = await request<{ run: CliRun | null; actions: { identifier: string; definition: unknown }[] }>(
    { endpoint: parsed.endpoint, token: io.token },
    `query($id: ID!) { run(id: $id) { ${RUN_FIELDS} } actions { identifier definition } }`,
    { id: runId },
  );
  const run = data.run;
  if (!run) throw new Refused([{ message: `no run "${runId}" that you may see`, extensions: { code: 'NOT_FOUND' } }]);
  const approval = { ...approversOf(data.actions.find((a) => a.identifier === run.action)?.definition), decisions: run.approvals.map(({ user, decision, reason }) => ({ user, decision, reason })) };
  if (parsed.json) {
    io.out(JSON.stringify({ ...run, approval }));
    return EXIT_CODES.SUCCESS;
  }
  const rows: [string, string][] = [
    ['run', run.id],
    ['status', `${run.status}${run.statusLabel ? ` (${run.statusLabel})` : ''}`],
    ['action', run.action],
    ['entity', run.entity ? `${run.entity.blueprint} ${run.entity.identifier}` : '-'],
    ['created by', `${run.createdBy} at ${run.createdAt}`],
    ...(run.endedAt ? ([['ended', run.endedAt]] as [string, string][]) : []),
    ...(run.summary ? ([['summary', run.summary]] as [string, string][]) : []),
    ['approval', approval.type ? approvalLine(approval) : 'none needed'],
    ...run.approvals.map((a): [string, string] => ['decision', `${a.decision} by ${a.user} at ${a.at}${a.reason ? `: ${a.reason}` : ''}`]),
    ...run.links.map((l): [string, string] => ['link', l]),
    ['follow', `lattice logs ${run.id} --follow`],
  ];
  for (const [k, v] of rows) io.out(`${`${k}:`.padEnd(12)}${v}`);
  return EXIT_CODES.SUCCESS;
}
