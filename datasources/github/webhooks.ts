/**
 * GitHub webhooks (`POST /webhooks/github`): a `push`, `repository`, `pull_request` or
 * `workflow_run` event invalidates the snapshot of the organisation it comes from, so the next
 * query fetches. The signature (`x-hub-signature-256`, HMAC-SHA256 with the webhook secret) is
 * verified with @octokit/webhooks-methods first; a bad or missing one gets 401 and changes
 * nothing. Framework-neutral: the server hands in the raw body and the headers.
 */
import { verify } from '@octokit/webhooks-methods';
import type { GitHubSource } from './source.ts';

export const INVALIDATING_EVENTS = new Set(['push', 'repository', 'pull_request', 'workflow_run']);

export interface WebhookResult {
  readonly status: number;
  readonly body: { readonly message: string; readonly invalidated?: readonly string[] };
}

/** A workflow run as a `workflow_run` event tells it: what GITHUB actions follow. */
export interface WorkflowRunUpdate {
  /** Words of the workflow run's title (`run-name:`), where a workflow puts the Lattice run id. */
  readonly title: string;
  readonly status: string;
  readonly conclusion: string | null;
  readonly url: string;
}

export async function handleGitHubWebhook(
  rawBody: string,
  headers: Readonly<Record<string, string | undefined>>,
  sources: readonly GitHubSource[],
  onWorkflowRun: (run: WorkflowRunUpdate) => Promise<unknown> = async () => undefined,
): Promise<WebhookResult> {
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
  if (!INVALIDATING_EVENTS.has(event)) return { status: 202, body: { message: `event "${event}" changes nothing here`, invalidated: [] } };
  let payload: {
    organization?: { login?: string };
    repository?: { owner?: { login?: string } };
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
  if (event === 'workflow_run' && wr) await onWorkflowRun({ title: `${wr.display_title ?? ''} ${wr.name ?? ''}`, status: wr.status ?? '', conclusion: wr.conclusion ?? null, url: wr.html_url ?? '' });
  await Promise.all(touched.map((s) => s.invalidate()));
  return { status: 200, body: { message: `${event}: invalidated`, invalidated: touched.map((s) => s.name) } };
}
