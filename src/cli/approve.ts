/**
 * `lattice approve <runId> [--reason TEXT]`: approves a run waiting for approval (`approveRun`);
 * prints the run after it (IN_PROGRESS once the approval rule is met, else still waiting).
 */
import { DEFAULT_URL } from './args.ts';
import { decisionCommand } from './decide.ts';
import type { CliIO } from './output.ts';

export const APPROVE_USAGE = `Usage: lattice approve <runId> [--reason TEXT] [--json] [--url URL]

Approves a run waiting for approval; prints the run after it (--json: as JSON).
The URL is --url, else LATTICE_URL, else ${DEFAULT_URL}; the token is LATTICE_TOKEN.
Exit codes: 0 approved; 1 refused (printed as "error CODE: message"); 2 usage error; 6 unreachable.
`;

export function approveCommand(args: readonly string[], io: CliIO): Promise<number> {
  return decisionCommand({ name: 'approve', mutation: 'approveRun', reasonRequired: false, usage: APPROVE_USAGE }, args, io);
}
