/**
 * httpPaired: two Lattice checkouts (say main and a branch) and the reference server side by
 * side over the same generated catalog, for a change's effect on a shared, loaded machine
 * (bench/README.md). The three servers start once; autocannon loads each in turn for short
 * rounds, alternating the order; each round's CPU time per request (from /proc) is compared
 * pairwise, and the medians of the per-round ratios are printed: what the neighbours' load
 * distorts least. Answers must be 2xx and equal to the reference's.
 *
 *   node scripts/httpPaired.ts <baseline checkout> <candidate checkout> [components=200] [rounds=8] [seconds=3]
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../test/helpers/ports.ts';
import { BODY, cpuSeconds, HEADERS, writeProject } from '../bench/httpProject.ts';

const [baseline, candidate, components = '200', roundsArg = '8', secondsArg = '3'] = process.argv.slice(2);
if (!baseline || !candidate) throw new Error('usage: node scripts/httpPaired.ts <baseline checkout> <candidate checkout> [components] [rounds] [seconds]');
const ROUNDS = Number(roundsArg);
const SECONDS = Number(secondsArg);

const project = writeProject(Number(components));
const env = { ...process.env, NODE_ENV: 'production' };
const lattice = async (name: string, root: string) => {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'src/server/main.ts')], { cwd: root, env: { ...env, LATTICE_CONFIG: project.configFile, PORT: String(port), HOST: '127.0.0.1' }, stdio: 'inherit' });
  return { name, url: `http://127.0.0.1:${port}/graphql`, child };
};
const referencePort = await freePort();
const servers = [
  { name: 'reference', url: `http://127.0.0.1:${referencePort}/graphql`, child: spawn(process.execPath, [path.resolve(import.meta.dirname, '../bench/reference/server.ts'), project.catalogFile, String(referencePort)], { env, stdio: 'inherit' }) },
  await lattice('baseline', path.resolve(baseline)),
  await lattice('candidate', path.resolve(candidate)),
];

const ask = (url: string) => fetch(url, { method: 'POST', headers: HEADERS, body: BODY }).then(async (r) => ({ status: r.status, data: ((await r.json()) as { data?: unknown }).data }));
try {
  for (const s of servers) {
    for (let i = 0; ; i++) {
      const ok = await ask(s.url).then((a) => a.status === 200, () => false);
      if (ok) break;
      if (i > 600) throw new Error(`${s.name} did not answer`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const expected = await ask(servers[0].url);
  for (const s of servers.slice(1)) assert.deepEqual(await ask(s.url), expected, `${s.name} answers otherwise than the reference`);

  const load = (url: string, seconds: number) =>
    new Promise<autocannon.Result>((resolve, reject) => autocannon({ url, connections: 10, duration: seconds, method: 'POST', headers: HEADERS, body: BODY }, (e, r) => (e ? reject(e) : resolve(r))));
  for (const s of servers) await load(s.url, 2);
  const perRequest: Record<string, number[]> = { reference: [], baseline: [], candidate: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const s of r % 2 ? [...servers].reverse() : servers) {
      const before = cpuSeconds(s.child.pid) ?? NaN;
      const result = await load(s.url, SECONDS);
      assert.equal(result.errors + result.non2xx, 0, `${s.name}: errors or non-2xx answers under load`);
      perRequest[s.name].push((((cpuSeconds(s.child.pid) ?? NaN) - before) * 1000) / result.requests.total);
    }
  }
  const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ratio = (a: string, b: string) => median(perRequest[a].map((x, i) => x / perRequest[b][i])).toFixed(2);
  for (const [name, xs] of Object.entries(perRequest)) console.log(`${name}: CPU ms per request, median ${median(xs).toFixed(3)} (rounds: ${xs.map((x) => x.toFixed(2)).join(' ')})`);
  console.log(`${components} components; medians of per-round ratios: candidate/baseline ${ratio('candidate', 'baseline')}, candidate/reference ${ratio('candidate', 'reference')}, baseline/reference ${ratio('baseline', 'reference')}`);
} finally {
  for (const s of servers) s.child.kill('SIGINT');
  rmSync(project.dir, { recursive: true, force: true });
}
