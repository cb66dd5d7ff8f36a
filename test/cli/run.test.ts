/**
 * `lattice run` (bin/lattice.js → src/cli/main.ts) as a child process against a live gateway
 * with actions and an API token: the run id on stdout, log lines and status changes with --wait,
 * and the exit codes: 0 SUCCESS (or created, without --wait), 1 FAILURE, 2 usage, 3 DECLINED,
 * 4 CANCELLED, 5 refused by the server (invalid inputs with their JSON pointers, no token),
 * 6 server unreachable. The webhook receiver answers synchronously (`/ok`, `/fail`) or accepts
 * and reports back with the run's token (`/async`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/authenticate.ts';
import type { Lattice } from '../../src/server/app.ts';
import { ROOT, startTestLattice } from '../helpers/lattice.ts';

const TOKEN = 'lat_cli_test_token';
const LEAD_TOKEN = 'lat_cli_lead_token';
const USER = 'ci@example.com';
const LEAD = 'lead@example.com';
const BIN = path.join(ROOT, 'bin/lattice.js');

let gateway: Lattice;
let receiver: http.Server;
let dir: string;
const received: { path: string; body: any; token: string }[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw);
      received.push({ path: req.url ?? '', body, token: String(req.headers['x-lattice-run-token']) });
      if (req.url === '/fail') return void res.writeHead(400, { 'content-type': 'text/plain' }).end('quota exceeded');
      res.writeHead(req.url === '/async' ? 202 : 200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

  dir = mkdtempSync(path.join(tmpdir(), 'lattice-cli-'));
  const create = (identifier: string, url: string, synchronized: boolean) => ({
    identifier,
    title: identifier,
    trigger: {
      type: 'self-service',
      operation: 'CREATE',
      userInputs: {
        properties: {
          name: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
          replicas: { type: 'number', minimum: 1 },
          dryRun: { type: 'boolean' },
          tags: { type: 'array', items: { type: 'string' } },
          version: { type: 'string' },
          config: { type: 'object' },
        },
        required: ['name'],
      },
    },
    invocationMethod: { type: 'WEBHOOK', url, synchronized, body: { runId: '{{ .run.id }}', inputs: '{{ .inputs }}' } },
  });
  writeFileSync(
    path.join(dir, 'actions.json'),
    JSON.stringify([
      create('deploy', `${hook}/ok`, true),
      create('broken', `${hook}/fail`, true),
      create('provision', `${hook}/async`, false),
      {
        identifier: 'restart',
        title: 'Restart a service',
        trigger: { type: 'self-service', operation: 'DAY-2', blueprintIdentifier: 'Component', userInputs: { properties: { reason: { type: 'string' } }, required: ['reason'] } },
        invocationMethod: { type: 'WEBHOOK', url: `${hook}/ok`, synchronized: true, body: { runId: '{{ .run.id }}', service: '{{ .entity.identifier }}' } },
        requiredApproval: { type: 'ANY' },
      },
    ]),
  );
  gateway = await startTestLattice({
    actionsDir: dir,
    webhookSigningSecret: 'cli-test-signing-secret',
    auth: {
      anonymous: true,
      tokens: [
        { name: 'ci', sha256: sha256Hex(TOKEN), user: USER, roles: ['Member'] },
        { name: 'lead', sha256: sha256Hex(LEAD_TOKEN), user: LEAD, roles: ['Admin'] },
      ],
    },
  });
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

afterAll(async () => {
  await gateway?.close();
  await new Promise((r) => receiver?.close(r));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function gql(query: string, variables: Record<string, unknown> = {}, token: string | null = TOKEN) {
  const res = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: any }[] };
}

/** The executor behind `/async`: log lines, then SUCCESS, with the run's token. */
async function report(id: string, token: string) {
  const q = 'mutation($id: ID!, $token: String!, $m: String!, $end: RunStatus) { appendRunLog(id: $id, token: $token, message: $m, terminationStatus: $end) { cursor } }';
  for (const [m, end] of [['creating the database', null], ['granting access', null], ['ready', 'SUCCESS']]) await gql(q, { id, token, m, end }, null);
}

interface Cli {
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exit: Promise<number | null>;
}

/** `lattice <args>` as a child process on the Node running the tests (the project's Node 24). */
function spawnCli(args: readonly string[], env: Record<string, string | undefined> = {}, command: readonly string[] = [process.execPath, BIN]): Cli {
  const child = spawn(command[0], [...command.slice(1), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LATTICE_TOKEN: TOKEN, LATTICE_URL: gateway.url, ...env },
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exit = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { stdout: () => out, stderr: () => err, exit };
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '' && !l.startsWith('npm warn'));

async function until(check: () => boolean, what: string) {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const runCount = async () => (await gql('{ runs(first: 100) { nodes { id } } }')).data.runs.nodes.length;

describe('lattice run', () => {
  it('SUCCESS: prints the run id, streams the log lines, ends with the status; exit 0; --input values parsed as JSON when they parse', async () => {
    const file = path.join(dir, 'inputs.json');
    writeFileSync(file, JSON.stringify({ replicas: 1, config: { region: 'eu' } }));
    const cli = spawnCli(['run', 'deploy', '--inputs', file, '--input', 'name=web', '--input', 'replicas=3', '--input', 'dryRun=true', '--input', 'tags=["a","b"]', '--input', 'version=007', '--wait']);
    expect(await cli.exit).toBe(0);
    const out = lines(cli.stdout());
    expect(out[0]).toMatch(/^run_[0-9a-z]+$/);
    const runId = out[0];
    // The run may have ended before the CLI subscribed: then no IN_PROGRESS line, the rest as here.
    expect(out.filter((l) => l !== 'status: IN_PROGRESS')).toEqual([runId, 'invoking WEBHOOK', 'webhook POST attempt 1: 200', 'status: SUCCESS: webhook answered 200']);
    expect(cli.stderr()).toBe('');
    const call = received.find((r) => r.body.runId === runId);
    expect(call?.body.inputs).toEqual({ name: 'web', replicas: 3, dryRun: true, tags: ['a', 'b'], version: '007', config: { region: 'eu' } });
    expect((await gql('query($id: ID!) { run(id: $id) { status createdBy } }', { id: runId })).data.run).toEqual({ status: 'SUCCESS', createdBy: USER });
  });

  it('streams an executor’s log lines as it reports them, then SUCCESS', async () => {
    const cli = spawnCli(['run', 'provision', '--input', 'name=orders-db', '--wait']);
    // The executor reports only once the CLI has shown the webhook's answer: what follows is live.
    await until(() => lines(cli.stdout()).includes('webhook POST attempt 1: 202'), 'the CLI to follow the run');
    const call = received.find((r) => r.body.runId === lines(cli.stdout())[0]);
    await report(String(call?.body.runId), String(call?.token));
    expect(await cli.exit).toBe(0);
    const out = lines(cli.stdout());
    expect(out.slice(1)).toEqual(['status: IN_PROGRESS', 'invoking WEBHOOK', 'webhook POST attempt 1: 202', 'creating the database', 'granting access', 'ready', 'status: SUCCESS']);
  });

  it('FAILURE: exit 1, with the summary', async () => {
    const cli = spawnCli(['run', 'broken', '--input', 'name=x', '--wait']);
    expect(await cli.exit).toBe(1);
    const out = lines(cli.stdout());
    expect(out.at(-1)).toBe('status: FAILURE: webhook answered 400 after 1 attempt');
    expect(out).toContain('webhook POST attempt 1: 400');
  });

  it('DECLINED: waits for approval (streamed), exit 3 once an approver declines', async () => {
    const cli = spawnCli(['run', 'restart', '--entity', 'CartService', '--input', 'reason=memory leak', '--wait']);
    await until(() => lines(cli.stdout()).includes('status: WAITING_FOR_APPROVAL'), 'the run to wait for approval');
    const runId = lines(cli.stdout())[0];
    expect((await gql('mutation($id: ID!) { declineRun(id: $id, reason: "not during the freeze") { status } }', { id: runId }, LEAD_TOKEN)).data.declineRun.status).toBe('DECLINED');
    expect(await cli.exit).toBe(3);
    expect(lines(cli.stdout())).toEqual([runId, 'status: WAITING_FOR_APPROVAL', `status: DECLINED: declined by ${LEAD}: not during the freeze`]);
  });

  it('CANCELLED: exit 4 once the requester cancels', async () => {
    const cli = spawnCli(['run', 'restart', '--entity', 'CartService', '--input', 'reason=stuck', '--wait']);
    await until(() => lines(cli.stdout()).includes('status: WAITING_FOR_APPROVAL'), 'the run to wait for approval');
    const runId = lines(cli.stdout())[0];
    expect((await gql('mutation($id: ID!) { cancelRun(id: $id) { status } }', { id: runId })).data.cancelRun.status).toBe('CANCELLED');
    expect(await cli.exit).toBe(4);
    expect(lines(cli.stdout()).at(-1)).toBe(`status: CANCELLED: cancelled by ${USER}`);
  });

  it('without --wait: prints only the run id, exit 0', async () => {
    const cli = spawnCli(['run', 'deploy', '--input', 'name=quick']);
    expect(await cli.exit).toBe(0);
    expect(cli.stdout()).toMatch(/^run_[0-9a-z]+\n$/);
  });

  it('invalid inputs: exit 5, each problem with its JSON pointer on stderr; no run is created, nothing invoked', async () => {
    const [runs, calls] = [await runCount(), received.length];
    const cli = spawnCli(['run', 'deploy', '--input', 'name=Bad Name', '--input', 'replicas=many', '--input', 'colour=red', '--wait']);
    expect(await cli.exit).toBe(5);
    expect(cli.stdout()).toBe('');
    expect(lines(cli.stderr())).toEqual([
      'error INVALID_INPUTS: invalid inputs for action "deploy"',
      '  /inputs/colour: unknown input "colour"',
      '  /inputs/name: must match pattern "^[a-z][a-z0-9-]*$"',
      '  /inputs/replicas: must be number',
    ]);
    expect(await runCount()).toBe(runs);
    expect(received.length).toBe(calls);
  });

  it('refusals: an unknown action and a missing token exit 5; an unreachable server exits 6', async () => {
    const unknown = spawnCli(['run', 'nope']);
    expect(await unknown.exit).toBe(5);
    expect(lines(unknown.stderr())[0]).toBe('error UNKNOWN_ACTION: no action "nope"');

    const anonymous = spawnCli(['run', 'deploy', '--input', 'name=x'], { LATTICE_TOKEN: undefined });
    expect(await anonymous.exit).toBe(5);
    expect(lines(anonymous.stderr())).toEqual([expect.stringMatching(/^error UNAUTHENTICATED: /), 'hint: set LATTICE_TOKEN to an API token']);

    const wrong = spawnCli(['run', 'deploy', '--input', 'name=x'], { LATTICE_TOKEN: 'not-a-token' });
    expect(await wrong.exit).toBe(5);

    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const unreachable = spawnCli(['run', 'deploy', '--input', 'name=x', '--url', `http://127.0.0.1:${port}`]);
    expect(await unreachable.exit).toBe(6);
    expect(unreachable.stderr()).toContain(`cannot reach http://127.0.0.1:${port}/graphql`);
  });

  it('usage errors exit 2 with the usage', async () => {
    for (const args of [['run'], ['run', 'deploy', '--input', 'no-equals-sign'], ['run', 'deploy', '--colour', 'red'], ['run', 'deploy', '--inputs', path.join(dir, 'missing.json')], ['frobnicate']]) {
      const cli = spawnCli(args);
      expect(await cli.exit, args.join(' ')).toBe(2);
      expect(cli.stdout()).toBe('');
      expect(cli.stderr()).toContain('Usage: lattice');
    }
    const help = spawnCli(['run', '--help']);
    expect(await help.exit).toBe(0);
    expect(help.stdout()).toContain('Exit codes: 0 created (no --wait) or SUCCESS; 1 FAILURE; 2 usage error; 3 DECLINED;');
  });

  it('`npx lattice run` inside the project runs the same command', async () => {
    const cli = spawnCli(['lattice', 'run', 'deploy', '--input', 'name=via-npx', '--wait'], {}, ['npx']);
    expect(await cli.exit).toBe(0);
    expect(lines(cli.stdout()).at(-1)).toBe('status: SUCCESS: webhook answered 200');
  });
});
