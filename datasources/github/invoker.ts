/**
 * The GITHUB invoker: a `workflow_dispatch` of the action's workflow, with its rendered
 * `workflowInputs` (at most 10, as GitHub allows; values that are not strings are sent as JSON,
 * because workflow inputs are strings), on `ref` (default: the repository's default branch, given
 * as `main` unless set). GitHub answers 204 with no run id, so the run stays IN_PROGRESS with a link
 * to the workflow's runs; the workflow reports back (updateRun / appendRunLog with the run token
 * passed as an input, e.g. `"lattice_token": "{{ run.token }}"`). The request goes to GitHub's REST
 * API through the GitHub source's client (client.ts: counted under the source's name, its rate
 * limits respected), with the gateway's token, never the caller's.
 *
 * The run keeps what is dispatched as its `response` (`{ github: { owner, repo, workflow, ref,
 * dispatchedAt } }`), stored (`ctx.keep`) BEFORE the dispatch is sent: GitHub may deliver the
 * `workflow_run` webhook before it answers the dispatch, to any replica, and the webhook moves the
 * run only when it is about that repository and workflow and was created at or after the dispatch
 * (webhooks.ts, workflowRun.ts). A webhook that came first stands over the `accepted` outcome.
 */
import type { GithubMethod } from '../../src/model/actions/model.ts';
import type { InvocationContext, InvocationOutcome, Invoker } from '../../src/data/Invoker.ts';
import type { GitHubClient } from './client.ts';

/** What a GITHUB run dispatched, kept in `run.response.github`. */
export interface DispatchRecord {
  readonly owner: string;
  readonly repo: string;
  /** The workflow file name (or id) as the action names it. */
  readonly workflow: string;
  readonly ref: string;
  /** ISO time just before the dispatch request was sent. */
  readonly dispatchedAt: string;
}

export interface GithubInvokerOptions {
  /** The GitHub source's client (its API URL and token). */
  readonly client: GitHubClient;
  /** The web URL links point at: https://github.com, or https://HOST. */
  readonly webUrl: string;
}

export function githubInvoker(options: GithubInvokerOptions): Invoker {
  return async (ctx: InvocationContext): Promise<InvocationOutcome> => {
    const m = ctx.method as GithubMethod;
    const inputs = Object.fromEntries(Object.entries(m.workflowInputs ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    const path = `/repos/${encodeURIComponent(m.org)}/${encodeURIComponent(m.repo)}/actions/workflows/${encodeURIComponent(m.workflow)}/dispatches`;
    const dispatched: DispatchRecord = { owner: m.org, repo: m.repo, workflow: m.workflow, ref: m.ref ?? 'main', dispatchedAt: new Date().toISOString() };
    await ctx.keep({ github: dispatched });
    const res = await options.client.rest('POST', path, { ref: m.ref ?? 'main', inputs });
    const link = `${options.webUrl.replace(/\/$/, '')}/${m.org}/${m.repo}/actions/workflows/${m.workflow}`;
    if (res.status === 204 || res.ok) {
      await ctx.log(`dispatched ${m.workflow} on ${m.org}/${m.repo}@${m.ref ?? 'main'}`);
      return { kind: 'accepted', links: [link], statusLabel: 'workflow dispatched' };
    }
    const detail = ctx.mask((await res.text()).slice(0, 500));
    return { kind: 'completed', status: 'FAILURE', summary: `GitHub refused the workflow dispatch: HTTP ${res.status} ${detail}`, links: [link] };
  };
}
