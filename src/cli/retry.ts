/**
 * `lattice retry <runId>`: executes a FAILURE run again as a new run (`retryRun`), with the same
 * action, entity and inputs and every check of a new execution; prints the new run (its id first,
 * `retry of <runId>` after), or the run as JSON with `--json`.
 */
import { DEFAULT_URL, parseCommand } from './args.ts';
import { request } from './client.ts';
import { EXIT_CODES } from './exitCodes.ts';
import type { CliIO } from './output.ts';
import { RUN_FIELDS, runLine, type CliRun } from './runFields.ts';

export const RETRY_USAGE = `Usage: lattice retry <runId> [--json] [--url URL]

Runs a FAILURE run again as a new run linked to it (same action, entity and inputs; every check
of a new execution, gates included). Prints the new run.
The URL is --url, else LATTICE_URL, else ${DEFAULT_URL}; the token is LATTICE_TOKEN.
Exit codes: 0 the new run was created; 1 refused (printed as "error CODE: message", e.g. the run did
not fail); 2 usage error; 6 unreachable.
`;

export async function retryCommand(args: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(args, { options: {}, positionals: ['run id'], url: io.url });
  if (!parsed) {
    io.out(RETRY_USAGE);
    return EXIT_CODES.SUCCESS;
  }
  const data = await request<{ run: CliRun }>({ endpoint: parsed.endpoint, token: io.token }, `mutation($id: ID!) { run: retryRun(id: $id) { ${RUN_FIELDS} } }`, { id: parsed.positionals[0] });
  io.out(parsed.json ? JSON.stringify(data.run) : `${runLine(data.run)} (retry of ${parsed.positionals[0]})`);
  return EXIT_CODES.SUCCESS;
}
