/**
 * Who must approve a run, as the API exposes it: the action's `definition` (from `actions`) has
 * `requiredApproval.type` (ANY: one approval; ALL: every listed user, team and role) and
 * `permissions.approve` (users, teams, roles, ownedByTeam; absent: the Admin role, Lattice's
 * default), and the run has its `approvals` so far. Pure but for `fetchApproval`.
 */
import { request, type Connection } from './client.ts';

export interface ApprovalInfo {
  /** ANY or ALL; null when the action needs no approval. */
  readonly type: string | null;
  /** "user a@example.com", "team sre", "role Admin", "the entity's owning team". */
  readonly approvers: readonly string[];
  /** Decisions so far: "APPROVE by a@example.com". */
  readonly decisions: readonly { readonly user: string; readonly decision: string; readonly reason: string | null }[];
}

interface WrittenRule {
  readonly users?: readonly string[];
  readonly teams?: readonly string[];
  readonly roles?: readonly string[];
  readonly ownedByTeam?: boolean;
}

/** The approvers an action's definition names (Port format plus Lattice's default). */
export function approversOf(definition: unknown): { type: string | null; approvers: string[] } {
  const d = (definition ?? {}) as { requiredApproval?: { type?: string } | null; permissions?: { approve?: WrittenRule } };
  const type = d.requiredApproval?.type ?? null;
  const rule = d.permissions?.approve ?? { roles: ['Admin'] };
  return {
    type,
    approvers: [
      ...(rule.users ?? []).map((u) => `user ${u}`),
      ...(rule.teams ?? []).map((t) => `team ${t}`),
      ...(rule.roles ?? []).map((r) => `role ${r}`),
      ...(rule.ownedByTeam ? ["the entity's owning team"] : []),
    ],
  };
}

/** "approval needed (ALL) from: user a, user b; approved by: a" */
export function approvalLine(info: ApprovalInfo): string {
  const approved = info.decisions.filter((d) => d.decision === 'APPROVE').map((d) => d.user);
  return `approval needed (${info.type ?? 'none'}) from: ${info.approvers.join(', ') || 'nobody named'}${approved.length ? `; approved so far by: ${approved.join(', ')}` : ''}`;
}

/** The run's action's approval rule and its decisions so far. */
export async function fetchApproval(connection: Connection, runId: string): Promise<ApprovalInfo | undefined> {
  const data = await request<{ run: { action: string; approvals: ApprovalInfo['decisions'] } | null; actions: { identifier: string; definition: unknown }[] }>(
    connection,
    'query($id: ID!) { run(id: $id) { action approvals { user decision reason } } actions { identifier definition } }',
    { id: runId },
  );
  if (!data.run) return undefined;
  const action = data.actions.find((a) => a.identifier === data.run?.action);
  return { ...approversOf(action?.definition), decisions: data.run.approvals };
}
