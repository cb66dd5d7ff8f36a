/**
 * The GitHub simulator's Actions runner: a dispatched workflow (`workflow_dispatch`) becomes a
 * workflow run that goes `queued` → `in_progress` → `completed`, does what its workflow does
 * (workflows.ts), and, when a webhook is configured (`deliverTo`), is reported to it as GitHub
 * reports it: one `workflow_run` delivery per step (`requested`, `in_progress`, `completed`),
 * signed with the webhook secret (`x-hub-signature-256`, @octokit/webhooks-methods), with
 * `x-github-event` and a fresh `x-github-delivery`. Several URLs take the deliveries in turn, as
 * replicas behind a load balancer do. Runs run one after another, each as soon as it is accepted:
 * its first delivery races the dispatch's 204, as on GitHub, where nothing orders the webhook
 * after the API's answer. `beforeAnswer` makes the worst order certain: the run completes and
 * all its deliveries are made before the dispatch is answered. With no webhook configured, runs
 * still happen (and change the data) but nothing is delivered. `idle()` resolves when every run
 * so far has completed and been delivered.
 */
import { randomUUID } from 'node:crypto';
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
  /** Where it was sent. */
  readonly url: string;
  /** The receiver's HTTP status and answer (its first 1,000 characters, as GitHub's "Recent Deliveries" shows it), or the network error. */
  readonly status?: number;
  readonly response?: string;
  readonly error?: string;
}

export interface WebhookTarget {
  /** One URL, or several taking deliveries in turn (replicas behind a load balancer). */
  readonly url: string | readonly string[];
  readonly secret: string;
  /** Run each dispatched workflow and make all its deliveries before answering the dispatch. */
  readonly beforeAnswer?: boolean;
}

export class WorkflowRunner {
  readonly runs: SimWorkflowRun[] = [];
  readonly deliveries: Delivery[] = [];
  readonly #data: GitHubData;
  readonly #webUrl: string;
  #target: WebhookTarget | undefined;
  #queue: Promise<void> = Promise.resolve();
  #nextId = 9_100_000_000;
  /** Deliveries made so far: with several URLs, the next one goes to `url[#turn % length]`. */
  #turn = 0;

  constructor(data: GitHubData, webUrl: string) {
    this.#data = data;
    this.#webUrl = webUrl;
  }

  /** Where `workflow_run` events go (the organization's webhook); undefined: nowhere. */
  deliverTo(target: WebhookTarget | undefined): void {
    this.#target = target;
  }

  /**
   * Starts a run for an accepted dispatch. Resolves when the dispatch may be answered: at once, or
   * with `beforeAnswer`, once the run has completed and its deliveries were made.
   */
  async start(dispatch: Dispatch): Promise<void> {
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
    const done = this.#queue.then(() => this.#execute(run));
    this.#queue = done;
    if (this.#target?.beforeAnswer) await done;
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
    this.#turn = 0;
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
    const url = typeof target.url === 'string' ? target.url : target.url[this.#turn++ % target.url.length];
    try {
      const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
      const response = (await res.text()).slice(0, 1_000);
      this.deliveries.push({ event: 'workflow_run', action, runId: run.id, url, status: res.status, response });
    } catch (err) {
      this.deliveries.push({ event: 'workflow_run', action, runId: run.id, url, error: (err as Error).message });
    }
  }
}

/** A stable numeric id per workflow file. */
function workflowId(file: string): number {
  let h = 0;
  for (const c of file) h = (h * 31 + c.charCodeAt(0)) % 1_000_000;
  return 70_000_000 + h;
}
