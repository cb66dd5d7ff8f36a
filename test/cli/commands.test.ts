/**
 * The on-call commands as real child processes against a live gateway: `lattice status`, `logs`
 * (paged and `--follow`), `runs`, `approve`, `decline`, `cancel`, each for humans and `--json`,
 * and their exit codes (0 done, 1 refused with `error CODE: message`, 2 usage, 6 unreachable);
 * `lattice run --wait` on an approval action: who must approve and heartbeats on stderr
 * (`--heartbeat`), `--timeout` (124) and Ctrl-C (130) saying the run goes on; and a reused
 * idempotency key with other inputs refused (RUN_CONFLICT, exit 5).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { killChildren, LEAD, LEAD_TOKEN, lines, spawnCli, startCliGateway, until, USER, type CliGateway } from './harness.ts';

let g: CliGateway;
const cli = (args: readonly string[], env: Record<string, string | undefined> = {}) => spawnCli(g.gateway.url, args, env);

beforeAll(async () => {
  g = await startCliGateway();
});
afterEach(killChildren);
afterAll(async () => {
  await g?.close();
});

/** A run of `restart` on CartService, waiting for approval (made over the API, not the CLI). */
async function waitingRun(): Promise<string> {
  const res = await g.gql('mutation { executeAction(action: "restart", entity: "CartService", inputs: { reason: "leak" }) { id status } }');
  expect(res.data.executeAction.status).toBe('WAITING_FOR_APPROVAL');
  return res.data.executeAction.id;
}

async function runStatus(id: string): Promise<string> {
  return (await g.gql('query($id: ID!) { run(id: $id) { status } }', { id })).data.run.status;
}

const APPROVERS = `approval needed (ANY) from: user ${LEAD}, role Admin`;

describe('lattice run --wait on an approval action', () => {
  it('names who must approve and prints heartbeats on stderr (stdout stays the result); exits 0 once approved with lattice approve', async () => {
    const run = cli(['run', 'restart', '--entity', 'CartService', '--input', 'reason=leak', '--wait', '--heartbeat', '200ms']);
    await until(() => lines(run.stderr()).filter((l) => l.includes('elapsed, status WAITING_FOR_APPROVAL')).length >= 2 && run.stderr().includes(APPROVERS), 'approvers and two heartbeats');
    const id = lines(run.stdout())[0];
    expect(lines(run.stderr())).toContain(`lattice run: ${APPROVERS}`);
    expect(lines(run.stderr()).filter((l) => l.startsWith('lattice run: waiting for run'))[0]).toMatch(new RegExp(`^lattice run: waiting for run ${id}: \\d+s elapsed, status WAITING_FOR_APPROVAL$`));
    expect(lines(run.stdout())).toEqual([id, 'status: WAITING_FOR_APPROVAL']);

    const approve = cli(['approve', id, '--reason', 'go'], { LATTICE_TOKEN: LEAD_TOKEN });
    expect(await approve.exit).toBe(0);
    expect(lines(approve.stdout())).toEqual([expect.stringMatching(new RegExp(`^${id} restart on COMPONENT CartService: (IN_PROGRESS|SUCCESS)`))]);
    expect(await run.exit).toBe(0);
    expect(lines(run.stdout()).at(-1)).toBe('status: SUCCESS: webhook answered 200');
  });

  it('--timeout: exit 124 with a line saying the run goes on and how to follow it; the run is still waiting', async () => {
    const run = cli(['run', 'restart', '--entity', 'CartService', '--input', 'reason=slow', '--wait', '--timeout', '1s']);
    expect(await run.exit).toBe(124);
    const id = lines(run.stdout())[0];
    expect(lines(run.stderr())).toContain(`lattice run: timed out after 1s; run ${id} goes on (status WAITING_FOR_APPROVAL); follow it with: lattice logs ${id} --follow`);
    expect(await runStatus(id)).toBe('WAITING_FOR_APPROVAL');
  });

  it('Ctrl-C (SIGINT): exit 130, prints the run id, that it goes on and how to follow it', async () => {
    const run = cli(['run', 'restart', '--entity', 'CartService', '--input', 'reason=stuck', '--wait']);
    await until(() => lines(run.stdout()).includes('status: WAITING_FOR_APPROVAL'), 'the run to wait for approval');
    const id = lines(run.stdout())[0];
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(130);
    expect(lines(run.stderr())).toContain(`lattice run: interrupted; run ${id} goes on (status WAITING_FOR_APPROVAL); follow it with: lattice logs ${id} --follow`);
    expect(await runStatus(id)).toBe('WAITING_FOR_APPROVAL');
  });

  it('usage: --timeout needs --wait and a duration', async () => {
    for (const args of [['run', 'deploy', '--input', 'name=x', '--timeout', '10s'], ['run', 'deploy', '--input', 'name=x', '--wait', '--timeout', 'soon'], ['run', 'deploy', '--input', 'name=x', '--wait', '--heartbeat', '0s']]) {
      const c = cli(args);
      expect(await c.exit, args.join(' ')).toBe(2);
      expect(c.stderr()).toContain('Usage: lattice run');
    }
  });
});

describe('lattice approve / decline / cancel', () => {
  it('decline needs --reason (2); with it the run ends DECLINED; --json is the run', async () => {
    const id = await waitingRun();
    const bare = cli(['decline', id], { LATTICE_TOKEN: LEAD_TOKEN });
    expect(await bare.exit).toBe(2);
    expect(bare.stderr()).toContain('lattice decline: decline needs --reason');
    expect(bare.stderr()).toContain('Usage: lattice decline <runId> --reason TEXT');

    const decline = cli(['decline', id, '--reason', 'freeze', '--json'], { LATTICE_TOKEN: LEAD_TOKEN });
    expect(await decline.exit).toBe(0);
    const run = JSON.parse(decline.stdout());
    expect(run).toMatchObject({ id, action: 'restart', status: 'DECLINED', createdBy: USER, entity: { identifier: 'CartService', blueprint: 'COMPONENT' }, approvals: [{ user: LEAD, decision: 'DECLINE', reason: 'freeze' }] });
  });

  it('refusals exit 1 with the code and message: the creator may not approve; cancelling an ended run', async () => {
    const id = await waitingRun();
    const approve = cli(['approve', id]);
    expect(await approve.exit).toBe(1);
    expect(lines(approve.stderr())).toEqual([`error FORBIDDEN: ${USER} may not approve runs of action "restart"`]);
    expect(approve.stdout()).toBe('');

    const cancel = cli(['cancel', id, '--json']);
    expect(await cancel.exit).toBe(0);
    expect(JSON.parse(cancel.stdout())).toMatchObject({ id, status: 'CANCELLED' });
    const human = cli(['cancel', id]);
    expect(await human.exit).toBe(1);
    expect(lines(human.stderr())).toEqual([`error ILLEGAL_TRANSITION: run ${id} cannot move from CANCELLED to CANCELLED: the run has ended (CANCELLED)`]);
  });

  it('an unknown run is refused (1); a missing run id is a usage error (2)', async () => {
    const unknown = cli(['approve', 'run_nope'], { LATTICE_TOKEN: LEAD_TOKEN });
    expect(await unknown.exit).toBe(1);
    expect(lines(unknown.stderr())).toEqual(['error NOT_FOUND: no run "run_nope" that you may see']);
    const missing = cli(['cancel']);
    expect(await missing.exit).toBe(2);
    expect(lines(missing.stderr())[0]).toBe('lattice cancel: name the run id');
  });
});

describe('lattice status', () => {
  it('shows status, action, entity, creator, who may approve and how to follow it; --json adds the approval rule', async () => {
    const id = await waitingRun();
    const status = cli(['status', id]);
    expect(await status.exit).toBe(0);
    const out = lines(status.stdout());
    expect(out).toEqual(
      expect.arrayContaining([
        `run:        ${id}`,
        'status:     WAITING_FOR_APPROVAL',
        'action:     restart',
        'entity:     COMPONENT CartService',
        expect.stringMatching(new RegExp(`^created by: ${USER} at \\d{4}-`)),
        `approval:   ${APPROVERS}`,
        `follow:     lattice logs ${id} --follow`,
      ]),
    );
    const json = cli(['status', id, '--json']);
    expect(await json.exit).toBe(0);
    expect(JSON.parse(json.stdout())).toMatchObject({ id, status: 'WAITING_FOR_APPROVAL', createdBy: USER, approval: { type: 'ANY', approvers: [`user ${LEAD}`, 'role Admin'], decisions: [] } });
  });

  it('no such run: exit 1, error NOT_FOUND; an unreachable gateway: exit 6', async () => {
    const missing = cli(['status', 'run_nope']);
    expect(await missing.exit).toBe(1);
    expect(lines(missing.stderr())).toEqual(['error NOT_FOUND: no run "run_nope" that you may see']);

    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const unreachable = cli(['status', 'run_x', '--url', `http://127.0.0.1:${port}`]);
    expect(await unreachable.exit).toBe(6);
    expect(unreachable.stderr()).toContain(`lattice status: cannot reach http://127.0.0.1:${port}/graphql`);
  });
});

describe('lattice logs', () => {
  it('prints a run’s log lines; --json one object a line', async () => {
    const run = cli(['run', 'deploy', '--input', 'name=web', '--wait']);
    expect(await run.exit).toBe(0);
    const id = lines(run.stdout())[0];
    const logs = cli(['logs', id]);
    expect(await logs.exit).toBe(0);
    expect(lines(logs.stdout())).toEqual(['invoking WEBHOOK', 'webhook POST attempt 1: 200']);
    const json = cli(['logs', id, '--json']);
    expect(await json.exit).toBe(0);
    expect(lines(json.stdout()).map((l) => JSON.parse(l))).toEqual([
      { cursor: expect.any(String), message: 'invoking WEBHOOK', at: expect.any(String) },
      { cursor: expect.any(String), message: 'webhook POST attempt 1: 200', at: expect.any(String) },
    ]);
  });

  it('--follow streams the lines as the executor reports them until the run ends (status on stderr), exit 0', async () => {
    const create = cli(['run', 'provision', '--input', 'name=db']);
    expect(await create.exit).toBe(0);
    const id = lines(create.stdout())[0];
    const follow = cli(['logs', id, '--follow']);
    await until(() => lines(follow.stdout()).includes('webhook POST attempt 1: 202'), 'the first lines');
    const call = g.received.find((r) => r.body.runId === id);
    const q = 'mutation($id: ID!, $token: String!, $m: String!, $end: RunStatus) { appendRunLog(id: $id, token: $token, message: $m, terminationStatus: $end) { cursor } }';
    for (const [m, end] of [['creating the database', null], ['ready', 'SUCCESS']]) await g.gql(q, { id, token: call?.token, m, end }, null);
    expect(await follow.exit).toBe(0);
    expect(lines(follow.stdout())).toEqual(['invoking WEBHOOK', 'webhook POST attempt 1: 202', 'creating the database', 'ready']);
    expect(lines(follow.stderr()).at(-1)).toBe('status: SUCCESS');
  });
});

describe('lattice runs', () => {
  it('a table of the runs, filtered by --action and --status, at most --first; --json an array', async () => {
    for (const name of ['a', 'b', 'c']) expect(await cli(['run', 'deploy', '--input', `name=${name}`, '--wait']).exit).toBe(0);
    const table = cli(['runs', '--action', 'deploy', '--status', 'SUCCESS', '--first', '2']);
    expect(await table.exit).toBe(0);
    const out = lines(table.stdout());
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/^RUN\s+STATUS\s+ACTION\s+ENTITY\s+BY\s+CREATED$/);
    for (const row of out.slice(1)) expect(row).toMatch(new RegExp(`^run_[0-9a-z]+\\s+SUCCESS\\s+deploy\\s+-\\s+${USER}\\s+\\d{4}-`));

    const json = cli(['runs', '--action', 'restart', '--json', '--first', '50']);
    expect(await json.exit).toBe(0);
    const runs = JSON.parse(json.stdout()) as { action: string }[];
    expect(runs.length).toBeGreaterThan(0);
    expect(new Set(runs.map((r) => r.action))).toEqual(new Set(['restart']));
  });

  it('bad --status or --first: usage error (2)', async () => {
    for (const args of [['runs', '--status', 'DONE'], ['runs', '--first', '0'], ['runs', 'extra']]) {
      const c = cli(args);
      expect(await c.exit, args.join(' ')).toBe(2);
      expect(c.stderr()).toContain('Usage: lattice runs');
    }
  });
});

describe('idempotency keys from the CLI', () => {
  it('the same key and inputs return the first run; other inputs are refused: RUN_CONFLICT naming the key and the run, exit 5', async () => {
    const first = cli(['run', 'deploy', '--input', 'name=api', '--idempotency-key', 'ci-77']);
    expect(await first.exit).toBe(0);
    const id = lines(first.stdout())[0];
    const again = cli(['run', 'deploy', '--input', 'name=api', '--idempotency-key', 'ci-77']);
    expect(await again.exit).toBe(0);
    expect(lines(again.stdout())).toEqual([id]);
    const other = cli(['run', 'deploy', '--input', 'name=web', '--idempotency-key', 'ci-77']);
    expect(await other.exit).toBe(5);
    expect(lines(other.stderr())).toEqual([`error RUN_CONFLICT: idempotency key "ci-77" was used for run ${id} with other inputs: use a new key for a new request`, '  at /idempotencyKey']);
  });
});

describe('lattice help', () => {
  it('lists every command', async () => {
    const help = cli(['help']);
    expect(await help.exit).toBe(0);
    for (const c of ['run <action>', 'status <runId>', 'logs <runId>', 'runs ', 'approve <runId>', 'decline <runId>', 'cancel <runId>']) expect(help.stdout()).toContain(`  ${c}`);
  });
});
