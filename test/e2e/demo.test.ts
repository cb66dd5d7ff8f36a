/**
 * `npm run demo` (scripts/demo.ts), as a user runs it: a child process with PORT=0 that starts
 * the GitHub simulator and Lattice, prints a banner with the GraphiQL URL, answers the example
 * query with GitHub's fields merged into the catalog's, and exits cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gql, ROOT } from '../helpers/lattice.ts';

const DEMO = path.join(ROOT, 'scripts/demo.ts');
const EXAMPLE_QUERY =
  '{ component(identifier: "CartService") { title type system { identifier } url language openPullRequests lastRunConclusion pullRequests { nodes { title author } } source { name fetchedAt stale } } }';

let child: ChildProcess | undefined;

afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
});

interface Running {
  readonly child: ChildProcess;
  readonly graphiql: string;
  readonly banner: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

/** Spawns the demo with Node 24 (this process's node) and resolves once its banner names the GraphiQL URL. */
function startDemo(): Promise<Running> {
  const proc = spawn(process.execPath, [DEMO], { cwd: ROOT, env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal, output })));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /^GraphiQL\s+(http:\/\/\S+)$/m.exec(output)?.[1];
      if (url && /Ctrl-C stops both\./.test(output)) {
        proc.stdout?.off('data', onData);
        resolve({ child: proc, graphiql: url, banner: output, exited });
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(({ code, signal }) => reject(new Error(`the demo exited (code ${code}, signal ${signal}) before its banner:\n${output}`)));
  });
}

describe('npm run demo', () => {
  it('prints the GraphiQL and simulator URLs, serves the example query with GitHub fields, and stops on SIGTERM', async () => {
    const demo = await startDemo();
    expect(demo.graphiql).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(demo.graphiql).not.toMatch(/:0\//);
    expect(demo.banner).toMatch(/^GitHub\s+http:\/\/127\.0\.0\.1:\d+\/graphql/m);
    expect(demo.banner).toContain(EXAMPLE_QUERY);

    const res = await gql(demo.graphiql.replace(/\/graphql$/, ''), EXAMPLE_QUERY);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    const c = res.data.component;
    // From the catalog:
    expect(c).toMatchObject({ title: 'Cart Service', type: 'SERVICE', system: { identifier: 'Cart' } });
    // From the (simulated) GitHub:
    expect(c).toMatchObject({ url: 'https://github.com/acme/CartService', language: 'TypeScript', openPullRequests: 2, lastRunConclusion: 'SUCCESS' });
    expect(c.pullRequests.nodes).toHaveLength(2);
    expect(c.pullRequests.nodes.every((pr: { title: string; author: string }) => pr.title.length > 0 && pr.author.length > 0)).toBe(true);
    expect(c.source).toMatchObject({ name: 'github', stale: false });
    expect(Number.isNaN(Date.parse(c.source.fetchedAt))).toBe(false);

    demo.child.kill('SIGTERM');
    const { code, signal } = await demo.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });
});
