/**
 * matchWorkflowRun: whether a `workflow_run` event is about the workflow a GITHUB run dispatched
 * (the `run.response.github` its invoker kept): same repository (owner/name, case-insensitive),
 * same workflow (the file name at the end of `workflow_run.path`, or its numeric id), created at
 * or after the dispatch (GitHub's clock may lag ours by up to CLOCK_SKEW_MS). A run id in the
 * title alone is not enough: anyone with a repository that sends signed webhooks to the
 * same secret could name it. Returns why it does not match, or undefined.
 */
import type { Run } from '../../src/data/run.ts';
import type { DispatchRecord } from './invoker.ts';

/** How far GitHub's clock may be behind ours when it stamps `created_at`. */
const CLOCK_SKEW_MS = 5_000;

export interface WorkflowRunEvent {
  readonly repository?: { readonly name?: string; readonly owner?: { readonly login?: string } };
  readonly workflow_run?: { readonly path?: string; readonly workflow_id?: number; readonly created_at?: string };
}

export function matchWorkflowRun(run: Run, event: WorkflowRunEvent): string | undefined {
  const dispatched = (run.response as { github?: DispatchRecord } | null)?.github;
  if (!dispatched) return 'the run has no record of a workflow dispatch';
  const owner = event.repository?.owner?.login ?? '';
  const repo = event.repository?.name ?? '';
  if (owner.toLowerCase() !== dispatched.owner.toLowerCase() || repo.toLowerCase() !== dispatched.repo.toLowerCase()) {
    return `the workflow run is in ${owner}/${repo}, not ${dispatched.owner}/${dispatched.repo}`;
  }
  const wr = event.workflow_run ?? {};
  const file = (wr.path ?? '').split('/').pop() ?? '';
  if (file !== dispatched.workflow && String(wr.workflow_id ?? '') !== dispatched.workflow) return `the workflow run is of ${wr.path ?? 'an unnamed workflow'}, not ${dispatched.workflow}`;
  const created = Date.parse(wr.created_at ?? '');
  if (!Number.isFinite(created) || created < Date.parse(dispatched.dispatchedAt) - CLOCK_SKEW_MS) {
    return `the workflow run was created at ${wr.created_at ?? '(unknown)'}, before the dispatch at ${dispatched.dispatchedAt}`;
  }
  return undefined;
}
