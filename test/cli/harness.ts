/**
 * What the CLI command tests share: a live gateway with actions (sync and async webhooks, a DAY-2
 * action needing one approval from a named user or an Admin) and two API tokens, a webhook
 * receiver, and `lattice <args>` as a real child process (bin/lattice.js on the Node running the
 * tests) with LATTICE_TOKEN / LATTICE_URL set.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sha256Hex } from '../../src/auth/authenticate.ts';
import type { Lattice } from '../../src/server/app.ts';
import { ROOT, startTestLattice } from '../helpers/lattice.ts';

export const TOKEN = 'lat_cli_cmd_token';
export const LEAD_TOKEN = 'lat_cli_cmd_lead';
export const USER = 'ci@example.com';
export const LEAD = 'lead@example.com';
const BIN = path.join(ROOT, 'bin/lattice.js');

export interface CliGateway {
  readonly gateway: Lattice;
  /** Webhook calls received: path, body, the run's executor token. */
  readonly received: { path: string; body: any; token: string }[];
  readonly gql: (query: string, variables?: Record<string, unknown>, token?: string | null) => Promise<{ data?: any; errors?: { message: string; extensions?: any }[] }>;
  readonly close: () => Promise<void>;
}

export async function startCliGateway(): Promise<CliGateway> {
  const received: CliGateway['received'] = [];
  const receiver = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(raw), token: String(req.headers['x-lattice-run-token']) });
      res.writeHead(req.url === '/async' ? 202 : 200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'lattice-cli-cmd-'));
  const create = (identifier: string, url: string, synchronized: boolean) => ({
    identifier,
    title: identifier,
    trigger: { type: 'self-service', operation: 'CREATE', userInputs: { properties: { name: { type: 'string' } }, required: ['name'] } },
    invocationMethod: { type: 'WEBHOOK', url, synchronized, body: { runId: '{{ .run.id }}' } },
  });
  writeFileSync(
    path.join(dir, 'actions.json'),
    JSON.stringify([
      create('deploy', `${hook}/ok`, true),
      create('provision', `${hook}/async`, false),
      {
        identifier: 'restart',
        title: 'Restart a service',
        trigger: { type: 'self-service', operation: 'DAY-2', blueprintIdentifier: 'Component', userInputs: { properties: { reason: { type: 'string' } }, required: ['reason'] } },
        invocationMethod: { type: 'WEBHOOK', url: `${hook}/ok`, synchronized: true, body: { runId: '{{ .run.id }}' } },
        requiredApproval: { type: 'ANY' },
        permissions: { approve: { users: [LEAD], roles: ['Admin'] } },
      },
    ]),
  );
  const gateway = await startTestLattice({
    actionsDir: dir,
    webhookSigningSecret: 'cli-cmd-signing-secret',
    auth: {
      anonymous: true,
      tokens: [
        { name: 'ci', sha256: sha256Hex(TOKEN), user: USER, roles: ['Member'] },
        { name: 'lead', sha256: sha256Hex(LEAD_TOKEN), user: LEAD, roles: ['Member'] },
      ],
    },
  });
  const gql: CliGateway['gql'] = async (query, variables = {}, token = TOKEN) => {
    const res = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as Awaited<ReturnType<CliGateway['gql']>>;
  };
  return {
    gateway,
    received,
    gql,
    async close() {
      await gateway.close();
      await new Promise((r) => receiver.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Cli {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exit: Promise<number | null>;
}

const children: ChildProcess[] = [];

/** `lattice <args>` against `url` as LATTICE_TOKEN's user (env overrides it). */
export function spawnCli(url: string, args: readonly string[], env: Record<string, string | undefined> = {}): Cli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LATTICE_TOKEN: TOKEN, LATTICE_URL: url, ...env },
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exit = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

/** Kills what spawnCli started and is still running (afterEach). */
export function killChildren(): void {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export const lines = (text: string) => text.split('\n').filter((l) => l !== '');

/** Polls `check` until it holds (`timeoutMs`, default 15 s, then fails naming `what`). */
export async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
