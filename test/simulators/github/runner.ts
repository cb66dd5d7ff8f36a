/**
 * The GitHub simulator's Actions runner: a dispatched workflow (`workflow_dispatch`) becomes a
 * workflow run that goes `queued` → `in_progress` → `completed`, does what its workflow does
 * (workflows.ts), and, when a webhook is configured (`deliverTo`), is reported to it as GitHub
 * reports it: one `workflow_run` delivery per step (`requested`, `in_progress`, `completed`),
 * signed with the webhook secret (`x-hub-signature-256`, @octokit/webhooks-methods), with
 * `x-github-event` and a fresh `x-github-delivery`. Runs start after the dispatch is answered
 * (204) and run one after another. With no webhook configured, runs still happen (and change the
 * data) but nothing is delivered. `idle()` resolves when every run so far has completed and been
 * delivered. A run waits `queueDelayMs` (default 200 ms) in the queue before it starts, as on
 * GitHub, where a runner picks a job up seconds after the dispatch: the dispatcher has answered
 * and recorded its dispatch by the time the first event arrives.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sign } from '@octokit/webhooks-methods';
import type { GitHubData } from './resolvers.ts';
import { PLATFORM_WORKFLOWS, renderRunName, type Conclusion } from './workflows.ts';

export interface Dispatch {
  readonly owner: string;
  readonly repo: string;
  readonly workflow: string;
  readonly ref: string;
  readonly inputs: Readonly<Record<string, string>>;
}

export interface SimWorkflowRun {
  readonly id: number;
  readonly dispatch: Dispatch;
  readonly displayTitle: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: Conclusion | null;
  /** What the run did (or why it failed). */
  note: string;
}

export interface Delivery {
  readonly event: string;
  readonly action: string;
  readonly runId: number;
  /** The receiver's HTTP status, or the network error. */
  readonly status?: number;
  readonly error?: string;
}

export interface WebhookTarget {
  readonly url: string;
  readonly secret: string;
}

export class WorkflowRunner {
  readonly runs: SimWorkflowRun[] = [];
  readonly deliveries: Delivery[] = [];
  readonly #data: GitHubData;
  readonly #webUrl: string;
  #target: WebhookTarget | undefined;
  #queue: Promise<void> = Promise.resolve();
  readonly #queueDelayMs: number;
  #nextId = 9_100_000_000;

  constructor(data: GitHubData, webUrl: string, queueDelayMs = 200) {
    this.#data = data;
    this.#webUrl = webUrl;
    this.#queueDelayMs = queueDelayMs;
  }

  /** Where `workflow_run` events go (the organization's webhook); undefined: nowhere. */
  deliverTo(target: WebhookTarget | undefined): void {
    this.#target = target;
  }

  /** Starts a run for an accepted dispatch (after the current answer is sent). */
  start(dispatch: Dispatch): SimWorkflowRun {
    const workflow = PLATFORM_WORKFLOWS[dispatch.workflow];
    const run: SimWorkflowRun = {
      id: this.#nextId++,
      dispatch,
      displayTitle: workflow ? renderRunName(workflow.runName, dispatch.inputs) : dispatch.workflow,
      status: 'queued',
      conclusion: null,
      note: '',
    };
    this.runs.push(run);
    this.#queue = this.#queue.then(() => sleep(this.#queueDelayMs)).then(() => this.#execute(run));
    return run;
  }

  /** Resolves once every run started so far has completed and its deliveries were made. */
  async idle(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.#queue;
      await current;
    } while (current !== this.#queue);
  }

  reset(): void {
    this.runs.length = 0;
    this.deliveries.length = 0;
  }

  // Private: running and reporting.

  async #execute(run: SimWorkflowRun): Promise<void> {
    const createdAt = new Date().toISOString();
    await this.#deliver(run, 'requested', createdAt);
    run.status = 'in_progress';
    await this.#deliver(run, 'in_progress', createdAt);
    const org = this.#data.organizations.find((o) => o.login.toLowerCase() === run.dispatch.owner.toLowerCase());
    const workflow = PLATFORM_WORKFLOWS[run.dispatch.workflow];
    const outcome = !org ? { conclusion: 'failure' as const, note: `no organization ${run.dispatch.owner}` } : workflow ? workflow.run(org, run.dispatch.inputs) : { conclusion: 'success' as const, note: 'no steps simulated' };
    run.conclusion = outcome.conclusion;
    run.note = outcome.note;
    run.status = 'completed';
    await this.#deliver(run, 'completed', createdAt);
  }

  async #deliver(run: SimWorkflowRun, action: string, createdAt: string): Promise<void> {
    const target = this.#target;
    if (!target) return;
    const { owner, repo, workflow, ref } = run.dispatch;
    const repoUrl = `${this.#webUrl}/${owner}/${repo}`;
    const body = JSON.stringify({
      action,
      workflow_run: {
        id: run.id,
        name: PLATFORM_WORKFLOWS[workflow]?.name ?? workflow,
        display_title: run.displayTitle,
        path: `.github/workflows/${workflow}`,
        workflow_id: workflowId(workflow),
        event: 'workflow_dispatch',
        head_branch: ref,
        status: run.status,
        conclusion: run.conclusion,
        html_url: `${repoUrl}/actions/runs/${run.id}`,
        created_at: createdAt,
        updated_at: new Date().toISOString(),
      },
      workflow: { id: workflowId(workflow), name: PLATFORM_WORKFLOWS[workflow]?.name ?? workflow, path: `.github/workflows/${workflow}` },
      repository: { name: repo, full_name: `${owner}/${repo}`, owner: { login: owner }, html_url: repoUrl },
      organization: { login: owner },
      sender: { login: this.#data.viewer.login },
    });
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/simulator',
      'x-github-event': 'workflow_run',
      'x-github-delivery': randomUUID(),
      'x-hub-signature-256': await sign(target.secret, body),
    };
    try {
      const res = await fetch(target.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      this.deliveries.push({ event: 'workflow_run', action, runId: run.id, status: res.status });
    } catch (err) {
      this.deliveries.push({ event: 'workflow_run', action, runId: run.id, error: (err as Error).message });
    }
  }
}

/** A stable numeric id per workflow file. */
function workflowId(file: string): number {
  let h = 0;
  for (const c of file) h = (h * 31 + c.charCodeAt(0)) % 1_000_000;
  return 70_000_000 + h;
}
