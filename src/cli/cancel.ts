/**
 * `lattice cancel <runId> [--reason TEXT]`: cancels a run that has not ended (`cancelRun`); the
 * run ends CANCELLED.
 */
import { DEFAULT_URL } from './args.ts';
import { decisionCommand } from './decide.ts';
import type { CliIO } from './output.ts';

export const CANCEL_USAGE = `Usage: lattice cancel <runId> [--reason TEXT] [--json] [--url URL]

Cancels a run that has not ended (the run ends CANCELLED).
The URL is --url, else LATTICE_URL, else ${DEFAULT_URL}; the token is LATTICE_TOKEN.
Exit codes: 0 cancelled; 1 refused (printed as "error CODE: message"); 2 usage error; 6 unreachable.
`;

export function cancelCommand(args: readonly string[], io: CliIO): Promise<number> {
  return decisionCommand({ name: 'cancel', mutation: 'cancelRun', reasonRequired: false, usage: CANCEL_USAGE }, args, io);
}
