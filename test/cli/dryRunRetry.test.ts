/**
 * `lattice run --dry-run` and `lattice retry` as child processes against a live gateway:
 * a dry run prints the invocation it would send (JSON), exits 0 and runs nothing (no webhook
 * call, no run stored); refused inputs exit 5 as for a real run; --dry-run with --wait is a usage
 * error. `lattice retry` of a run that did not fail is refused (exit 1, the code printed).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { killChildren, spawnCli, startCliGateway, type CliGateway } from './harness.ts';

let g: CliGateway;
beforeAll(async () => {
  g = await startCliGateway();
});
afterAll(() => g.close());
afterEach(killChildren);

describe('lattice run --dry-run', () => {
  it('prints the invocation it would send and runs nothing', async () => {
    const cli = spawnCli(g.gateway.url, ['run', 'deploy', '--input', 'name=cart', '--dry-run']);
    expect(await cli.exit).toBe(0);
    const invocation = JSON.parse(cli.stdout());
    expect(invocation).toMatchObject({ type: 'WEBHOOK', url: expect.stringMatching(/\/ok$/), body: { runId: expect.stringMatching(/^run_/) } });
    expect(cli.stderr()).toMatch(/dry run: deploy would start IN_PROGRESS; nothing ran/);
    expect(g.received).toEqual([]);
    expect((await g.gql('{ runs(filter: { action: "deploy" }) { nodes { id } } }')).data.runs.nodes).toEqual([]);
  });

  it('exits 5 on what a real run would refuse, and 2 with --wait', async () => {
    const refused = spawnCli(g.gateway.url, ['run', 'deploy', '--dry-run']);
    expect(await refused.exit).toBe(5);
    expect(refused.stderr()).toMatch(/name/);
    const usage = spawnCli(g.gateway.url, ['run', 'deploy', '--input', 'name=cart', '--dry-run', '--wait']);
    expect(await usage.exit).toBe(2);
  });
});

describe('lattice retry', () => {
  it('refuses to retry a run that did not fail', async () => {
    const created = await g.gql('mutation { executeAction(action: "deploy", inputs: { name: "cart" }) { id } }');
    const id = created.data.executeAction.id as string;
    // Wait for the run to end (its status read until it says so).
    while ((await g.gql(`{ run(id: "${id}") { status } }`)).data.run.status !== 'SUCCESS') await new Promise((r) => setTimeout(r, 25));
    const cli = spawnCli(g.gateway.url, ['retry', id]);
    expect(await cli.exit).toBe(1);
    expect(cli.stderr()).toMatch(/ILLEGAL_TRANSITION.*only a FAILURE run can be retried/);
  });
});
