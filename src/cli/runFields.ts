/**
 * The run as the CLI reads it (one selection for every command, so `--json` answers have one
 * shape) and its one-line human form.
 */
export const RUN_FIELDS = 'id action status statusLabel summary links createdBy createdAt updatedAt endedAt entity { identifier blueprint } approvals { user decision reason at }';

export interface CliRun {
  readonly id: string;
  readonly action: string;
  readonly status: string;
  readonly statusLabel: string | null;
  readonly summary: string | null;
  readonly links: readonly string[];
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly endedAt: string | null;
  readonly entity: { readonly identifier: string; readonly blueprint: string } | null;
  readonly approvals: readonly { readonly user: string; readonly decision: string; readonly reason: string | null; readonly at: string }[];
}

/** "run_… restart on COMPONENT CartService: IN_PROGRESS (label): summary" (the blueprint as a BlueprintIdentifier value) */
export function runLine(run: CliRun): string {
  return `${run.id} ${run.action}${run.entity ? ` on ${run.entity.blueprint} ${run.entity.identifier}` : ''}: ${run.status}${run.statusLabel ? ` (${run.statusLabel})` : ''}${run.summary ? `: ${run.summary}` : ''}`;
}
