/**
 * `lattice run --dry-run` as a child process against a live gateway: the invocation it would send
 * on stdout (JSON), exit 0, and nothing run (no webhook call, no run stored); refused inputs exit
 * 5 as for a real run; --dry-run with --wait is a usage error.
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
