/**
 * GitHub webhooks (`POST /webhooks/github`): a `push`, `repository`, `pull_request` or
 * `workflow_run` event invalidates the snapshot of the organisation it comes from, so the next
 * query fetches. The signature (`x-hub-signature-256`, HMAC-SHA256 with the webhook secret) is
 * verified with @octokit/webhooks-methods first; a bad or missing one gets 401 and changes
 * nothing. Then the delivery id (`x-github-delivery`) is claimed in the DeliveryLog: none is a 400,
 * one already taken (a replay of signed bytes) answers 200 `{ duplicate: true }` and does nothing.
 * Framework-neutral: the server hands in the raw body and the headers.
 *
 * GITHUB actions follow their workflow run: a workflow that names the Lattice run id in its title
 * (`run-name: ${{ inputs.run_id }}`) moves the run to SUCCESS or FAILURE when a `workflow_run`
 * event says it completed, if that workflow run is the one the run dispatched (workflowRun.ts:
 * repository, workflow, created after the dispatch); the engine also ignores runs that are not
 * in-progress GITHUB runs asking for it (`reportWorkflowStatus`). Ignored runs are listed with
 * the reason in the answer (still 200: GitHub must not redeliver).
 */
import { verify } from '@octokit/webhooks-methods';
import type { WebhookDeps, WebhookRequest, WebhookResponse } from '../../src/data/SourcePlugin.ts';
import type { GitHubSource } from './source.ts';
import { matchWorkflowRun, type WorkflowRunEvent } from './workflowRun.ts';

export const INVALIDATING_EVENTS = new Set(['push', 'repository', 'pull_request', 'workflow_run']);

/** A Lattice run id, as a workflow's title names it. */
const RUN_ID = /\brun_[0-9a-z]{22}\b/g;

export async function handleGitHubWebhook(sources: readonly GitHubSource[], deps: WebhookDeps, { rawBody, headers }: WebhookRequest): Promise<WebhookResponse> {
  const signature = headers['x-hub-signature-256'];
  const event = headers['x-github-event'] ?? '';
  const withSecret = sources.filter((s) => s.options.webhookSecret);
  if (withSecret.length === 0) return { status: 404, body: { message: 'no GitHub source has a webhookSecret' } };
  if (!signature) return { status: 401, body: { message: 'missing x-hub-signature-256' } };
  const verified: GitHubSource[] = [];
  for (const s of withSecret) {
    if (await verify(s.options.webhookSecret as string, rawBody, signature).catch(() => false)) verified.push(s);
  }
  if (verified.length === 0) return { status: 401, body: { message: 'signature does not match' } };
  const delivery = headers['x-github-delivery'];
  if (!delivery) return { status: 400, body: { message: 'missing x-github-delivery: every delivery needs its id (replays are refused by id)' } };
  if (!(await deps.deliveries.claim(delivery))) return { status: 200, body: { message: `delivery ${delivery} was already handled`, duplicate: true } };
  if (!INVALIDATING_EVENTS.has(event)) return { status: 202, body: { message: `event "${event}" changes nothing here`, invalidated: [] } };
  let payload: WorkflowRunEvent & {
    organization?: { login?: string };
    workflow_run?: { display_title?: string; name?: string; status?: string; conclusion?: string | null; html_url?: string };
  };
  try {
    payload = JSON.parse(rawBody);
  } catch {
    return { status: 400, body: { message: 'the body is not JSON' } };
  }
  const owner = (payload.organization?.login ?? payload.repository?.owner?.login ?? '').toLowerCase();
  const touched = verified.filter((s) => s.options.org.toLowerCase() === owner);
  const wr = payload.workflow_run;
  const ignored = event === 'workflow_run' && wr ? await followWorkflowRun(deps, payload) : [];
  for (const reason of ignored) deps.log.warn({ delivery, reason }, 'workflow_run ignored');
  await Promise.all(touched.map((s) => s.invalidate()));
  deps.log.info({ invalidated: touched.map((s) => s.name), event, delivery }, 'webhook invalidated cached data');
  return { status: 200, body: { message: `${event}: invalidated`, invalidated: touched.map((s) => s.name), ...(ignored.length ? { ignored } : {}) } };
}

/** Follows the runs the workflow run's title names; the reasons of those it does not move. */
async function followWorkflowRun(deps: WebhookDeps, payload: WorkflowRunEvent & { workflow_run?: { display_title?: string; name?: string; status?: string; conclusion?: string | null; html_url?: string } }): Promise<string[]> {
  const wr = payload.workflow_run ?? {};
  const completed = wr.status === 'completed';
  const ignored: string[] = [];
  for (const runId of `${wr.display_title ?? ''} ${wr.name ?? ''}`.match(RUN_ID) ?? []) {
    const result = await deps.followRun({
      runId,
      status: completed ? (wr.conclusion === 'success' ? 'SUCCESS' : 'FAILURE') : undefined,
      statusLabel: completed ? `workflow ${wr.conclusion ?? 'completed'}` : `workflow ${wr.status ?? ''}`,
      links: wr.html_url ? [wr.html_url] : undefined,
      reject: (run) => matchWorkflowRun(run, payload),
    });
    if ('ignored' in result) ignored.push(result.ignored);
  }
  return ignored;
}
