/**
 * `lattice decline <runId> --reason TEXT`: declines a run waiting for approval (`declineRun`);
 * the reason is required (the API requires it: the creator is told why). The run ends DECLINED.
 */
import { DEFAULT_URL } from './args.ts';
import { decisionCommand } from './decide.ts';
import type { CliIO } from './output.ts';

export const DECLINE_USAGE = `Usage: lattice decline <runId> --reason TEXT [--json] [--url URL]

Declines a run waiting for approval (the run ends DECLINED); --reason is required.
The URL is --url, else LATTICE_URL, else ${DEFAULT_URL}; the token is LATTICE_TOKEN.
Exit codes: 0 declined; 1 refused (printed as "error CODE: message"); 2 usage error; 6 unreachable.
`;

export function declineCommand(args: readonly string[], io: CliIO): Promise<number> {
  return decisionCommand({ name: 'decline', mutation: 'declineRun', reasonRequired: true, usage: DECLINE_USAGE }, args, io);
}
