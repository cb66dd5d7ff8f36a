/**
 * The GitHub simulator runs dispatched workflows: a workflow_dispatch answers 204, then the run
 * is delivered to the configured webhook as three signed `workflow_run` events (requested,
 * in_progress, completed) whose title is the workflow's run-name with the inputs; scaffold.yml
 * creates the repository (served by GraphQL afterwards) and force-merge.yml merges the pull
 * request; a failing run completes with conclusion failure. With no webhook configured, nothing
 * is delivered. `beforeAnswer` delivers a run's every event before the dispatch's 204; several
 * URLs take deliveries in turn.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubSimulator, type GitHubSimulator } from './server.ts';

const SECRET = 'whsec-sim-workflows';
let sim: GitHubSimulator;
let hook: http.Server;
let hookUrl: string;
const events: { url: string; event: string; delivery: string; verified: boolean; body: any }[] = [];

beforeAll(async () => {
  sim = await startGitHubSimulator();
  hook = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', async () => {
      events.push({ url: req.url ?? '', event: String(req.headers['x-github-event']), delivery: String(req.headers['x-github-delivery']), verified: await verify(SECRET, raw, String(req.headers['x-hub-signature-256'])), body: JSON.parse(raw) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(`{"received":${events.length}}`);
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/webhooks/github`;
});
afterAll(async () => {
  await sim.close();
  await new Promise((r) => hook.close(r));
});

async function dispatch(workflow: string, inputs: Record<string, string>, repo = 'platform-templates') {
  const res = await fetch(`${sim.url}/repos/acme/${repo}/actions/workflows/${workflow}/dispatches`, {
    method: 'POST',
    headers: { authorization: `token ${sim.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ref: 'main', inputs }),
  });
  return res.status;
}

async function repository(name: string) {
  const res = await fetch(sim.graphqlUrl, {
    method: 'POST',
    headers: { authorization: `bearer ${sim.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ repository(owner: "acme", name: "${name}") { name object(expression: "HEAD:port.yml") { ... on Blob { text } } pullRequests(first: 5, states: OPEN) { nodes { number } } } }` }),
  });
  return ((await res.json()) as any).data.repository;
}

describe('GitHub simulator: workflow runs', () => {
  it('runs nothing visible without a webhook, but the run happens', async () => {
    expect(await dispatch('deploy.yml', { service: 'CartService', version: '1.0.0', environment: 'staging', strategy: 'canary', run_id: 'x' })).toBe(204);
    await sim.actionsIdle();
    expect(events).toEqual([]);
    expect(sim.workflowRuns.at(-1)).toMatchObject({ status: 'completed', conclusion: 'success' });
  });

  it('scaffold.yml: three signed workflow_run deliveries with the run-name as title, and the repository exists afterwards', async () => {
    sim.deliverWebhooks({ url: hookUrl, secret: SECRET });
    expect(await repository('billing-api')).toBeNull();
    expect(await dispatch('scaffold.yml', { name: 'billing-api', language: 'go', system: 'Cart', run_id: 'run_abc' })).toBe(204);
    await sim.actionsIdle();
    expect(events.map((e) => [e.event, e.body.action, e.body.workflow_run.status, e.body.workflow_run.conclusion, e.verified])).toEqual([
      ['workflow_run', 'requested', 'queued', null, true],
      ['workflow_run', 'in_progress', 'in_progress', null, true],
      ['workflow_run', 'completed', 'completed', 'success', true],
    ]);
    expect(new Set(events.map((e) => e.delivery)).size).toBe(3);
    expect(events[2].body).toMatchObject({ repository: { name: 'platform-templates', owner: { login: 'acme' } }, workflow_run: { display_title: 'scaffold billing-api (run_abc)', path: '.github/workflows/scaffold.yml' } });
    const repo = await repository('billing-api');
    expect(repo.name).toBe('billing-api');
    expect(repo.object.text).toContain('identifier: billing-api');
    expect(sim.webhookDeliveries.map((d) => d.status)).toEqual([200, 200, 200]);
  });

  it('beforeAnswer: every event of the run is delivered before the 204; several URLs take the deliveries in turn, answers recorded', async () => {
    events.length = 0;
    sim.deliverWebhooks({ url: [`${hookUrl}?replica=a`, `${hookUrl}?replica=b`], secret: SECRET, beforeAnswer: true });
    const before = sim.webhookDeliveries.length;
    expect(await dispatch('train-model.yml', { model: 'churn', dataset: 'd', epochs: '1', run_id: 'run_first' })).toBe(204);
    // No actionsIdle(): the answer itself came after the deliveries.
    expect(events.map((e) => [e.body.action, e.url.split('?')[1], e.verified])).toEqual([
      ['requested', 'replica=a', true],
      ['in_progress', 'replica=b', true],
      ['completed', 'replica=a', true],
    ]);
    expect(sim.webhookDeliveries.slice(before).map((d) => [d.action, d.status, d.response])).toEqual([
      ['requested', 200, '{"received":1}'],
      ['in_progress', 200, '{"received":2}'],
      ['completed', 200, '{"received":3}'],
    ]);
    sim.deliverWebhooks({ url: hookUrl, secret: SECRET });
  });

  it('force-merge.yml merges the open pull request; a second run of it fails', async () => {
    events.length = 0;
    expect((await repository('CartService')).pullRequests.nodes.map((p: any) => p.number)).toContain(1);
    await dispatch('force-merge.yml', { repository: 'CartService', number: '1', run_id: 'r1' });
    await dispatch('force-merge.yml', { repository: 'CartService', number: '1', run_id: 'r2' });
    await sim.actionsIdle();
    expect((await repository('CartService')).pullRequests.nodes.map((p: any) => p.number)).not.toContain(1);
    expect(events.filter((e) => e.body.action === 'completed').map((e) => e.body.workflow_run.conclusion)).toEqual(['success', 'failure']);
    expect(sim.workflowRuns.at(-1)?.note).toBe('CartService#1 is merged');
  });
});
