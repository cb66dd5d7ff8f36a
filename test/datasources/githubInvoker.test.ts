/**
 * The GITHUB invoker against a local stand-in for GitHub's REST API: the dispatch request GitHub
 * expects (path, token, ref, string inputs), what it dispatches kept before it is sent, the run
 * left IN_PROGRESS with a link, and a refusal
 * that ends the run FAILURE with the secret masked.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../datasources/github/client.ts';
import { githubInvoker } from '../../datasources/github/invoker.ts';
import { parseGitHubOptions } from '../../datasources/github/options.ts';
import { onUpstreamCall } from '../../src/data/upstream.ts';
import type { InvocationContext } from '../../src/data/Invoker.ts';

let server: http.Server;
let url: string;
const requests: { path: string; auth: string | undefined; body: any }[] = [];
let status = 204;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', auth: req.headers.authorization, body: JSON.parse(raw) });
      res.writeHead(status, { 'content-type': 'application/json' }).end(status === 204 ? undefined : '{"message":"Workflow does not have workflow_dispatch trigger (token s3cret)"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

/** The invoker over a GitHub source's client (named `gh`), as the gateway wires it. */
const invoker = () => githubInvoker({ client: createGitHubClient('gh', parseGitHubOptions({ org: 'acme', token: 'ghp_gateway', url }, '/sources/0')), webUrl: 'https://github.com' });

function context(): InvocationContext & { lines: string[]; kept: unknown[] } {
  const lines: string[] = [];
  const kept: unknown[] = [];
  return {
    lines,
    kept,
    action: {} as never,
    run: { id: 'run-1' } as never,
    method: { type: 'GITHUB', org: 'acme', repo: 'platform-templates', workflow: 'scaffold.yml', workflowInputs: { name: 'cart', replicas: 3, flags: { canary: true } }, reportWorkflowStatus: true },
    templateContext: {} as never,
    executorToken: 'tok',
    log: async (m) => void lines.push(m),
    mask: (t) => t.replaceAll('s3cret', '***'),
    // What the engine stores before the dispatch leaves; the dispatches sent by then are counted.
    keep: async (response) => void kept.push({ response, dispatchesSent: requests.length }),
  };
}

describe('GITHUB invoker', () => {
  it('dispatches the workflow with the gateway token and string inputs, and leaves the run in progress', async () => {
    status = 204;
    const ctx = context();
    const before = requests.length;
    const outcome = await invoker()(ctx);
    expect(requests.at(-1)).toEqual({
      path: '/repos/acme/platform-templates/actions/workflows/scaffold.yml/dispatches',
      auth: 'Bearer ghp_gateway',
      body: { ref: 'main', inputs: { name: 'cart', replicas: '3', flags: '{"canary":true}' } },
    });
    expect(outcome).toEqual({ kind: 'accepted', links: ['https://github.com/acme/platform-templates/actions/workflows/scaffold.yml'], statusLabel: 'workflow dispatched' });
    // What is dispatched is kept in run.response BEFORE the dispatch is sent, so a workflow_run
    // webhook that beats GitHub's answer can be checked against it.
    expect(ctx.kept).toEqual([{ response: { github: { owner: 'acme', repo: 'platform-templates', workflow: 'scaffold.yml', ref: 'main', dispatchedAt: expect.any(String) } }, dispatchesSent: before }]);
    expect(ctx.lines).toEqual(['dispatched scaffold.yml on acme/platform-templates@main']);
  });

  it('a refusal ends the run FAILURE with GitHub\'s message, secrets masked', async () => {
    status = 422;
    const outcome = await invoker()(context());
    expect(outcome).toMatchObject({ kind: 'completed', status: 'FAILURE' });
    expect((outcome as { summary: string }).summary).toContain('HTTP 422');
    expect((outcome as { summary: string }).summary).not.toContain('s3cret');
  });

  it('the dispatch is an upstream call of the GitHub source, sent once even when GitHub answers 5xx', async () => {
    status = 502;
    const calls: string[] = [];
    const stop = onUpstreamCall((source) => calls.push(source));
    const before = requests.length;
    try {
      expect(await invoker()(context())).toMatchObject({ kind: 'completed', status: 'FAILURE' });
    } finally {
      stop();
    }
    expect(requests.length - before).toBe(1);
    expect(calls).toEqual(['gh']);
  });
});
