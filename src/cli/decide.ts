/**
 * What `lattice approve`, `decline` and `cancel` share: one mutation on one run
 * (`approveRun` / `declineRun` / `cancelRun`, with an optional or required `--reason`), then the
 * run as it is after it: one line for humans, the run as JSON with `--json`.
 */
import { parseCommand, UsageError } from './args.ts';
import { request } from './client.ts';
import { EXIT_CODES } from './exitCodes.ts';
import type { CliIO } from './output.ts';
import { RUN_FIELDS, runLine, type CliRun } from './runFields.ts';

export interface DecisionSpec {
  /** The command, e.g. "approve". */
  readonly name: string;
  readonly mutation: 'approveRun' | 'declineRun' | 'cancelRun';
  readonly reasonRequired: boolean;
  readonly usage: string;
}

export async function decisionCommand(spec: DecisionSpec, args: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(args, { options: { reason: { type: 'string' } }, positionals: ['run id'], url: io.url });
  if (!parsed) {
    io.out(spec.usage);
    return EXIT_CODES.SUCCESS;
  }
  const reason = parsed.values.reason as string | undefined;
  if (spec.reasonRequired && !reason?.trim()) throw new UsageError(`${spec.name} needs --reason "<why>" (the run's creator sees it)`);
  const data = await request<Record<string, CliRun>>(
    { endpoint: parsed.endpoint, token: io.token },
    `mutation($id: ID!, $reason: String${spec.reasonRequired ? '!' : ''}) { run: ${spec.mutation}(id: $id, reason: $reason) { ${RUN_FIELDS} } }`,
    { id: parsed.positionals[0], reason: reason ?? null },
  );
  io.out(parsed.json ? JSON.stringify(data.run) : runLine(data.run));
  return EXIT_CODES.SUCCESS;
}
