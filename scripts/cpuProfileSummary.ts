/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, or `BENCH_CPU_PROF` of bench/http.bench.ts) by
 * self time: the busy samples (idle left out) from the first request Apollo handled to the end, so
 * start-up does not count; shares per module (a package, a file of ours, or a V8/native entry) and
 * per function, largest first. `--inclusive` adds each function's inclusive share (itself and
 * what it called, synchronously).
 *
 *   node scripts/cpuProfileSummary.ts <file.cpuprofile> [--top 30] [--inclusive]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
if (!file) throw new Error('usage: node scripts/cpuProfileSummary.ts <file.cpuprofile> [--top N] [--inclusive]');
const top = Number(args[args.indexOf('--top') + 1]) || 30;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const where = (url: string) => url.replace(/^file:\/\/.*node_modules\//, 'npm:').replace(/^file:\/\/.*?\/(src|resolvers|datasources|bench)\//, '$1/');
const moduleOf = ({ functionName, url }: ProfileNode['callFrame']) => {
  if (!url) return /Handler/.test(functionName) ? '(graphql-jit compiled code)' : functionName || '(anonymous)';
  const w = where(url);
  return w.startsWith('npm:') ? w.split('/').slice(0, w.startsWith('npm:@') ? 2 : 1).join('/') : w;
};
const functionOf = ({ functionName, url, lineNumber }: ProfileNode['callFrame']) => `${functionName || '(anonymous)'} ${where(url)}:${lineNumber}`;
const stack = (id: number | undefined) => {
  const frames: ProfileNode[] = [];
  for (; id !== undefined; id = parent.get(id)) frames.push(byId.get(id) as ProfileNode);
  return frames;
};

const first = profile.samples.findIndex((s) => stack(s).some((n) => n.callFrame.functionName === 'processGraphQLRequest'));
const modules = new Map<string, number>();
const functions = new Map<string, number>();
const inclusive = new Map<string, number>();
let busy = 0;
for (const sample of profile.samples.slice(Math.max(first, 0))) {
  const node = byId.get(sample) as ProfileNode;
  if (node.callFrame.functionName === '(idle)') continue;
  busy++;
  modules.set(moduleOf(node.callFrame), (modules.get(moduleOf(node.callFrame)) ?? 0) + 1);
  functions.set(functionOf(node.callFrame), (functions.get(functionOf(node.callFrame)) ?? 0) + 1);
  if (args.includes('--inclusive')) for (const f of new Set(stack(sample).map((n) => functionOf(n.callFrame)))) inclusive.set(f, (inclusive.get(f) ?? 0) + 1);
}

const list = (title: string, counts: ReadonlyMap<string, number>) =>
  `${title}\n${[...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, n]) => `${((100 * n) / busy).toFixed(1).padStart(5)} %  ${k}`)
    .join('\n')}`;
console.log(`${busy} busy samples from the first request on (${file})\n`);
console.log(list('self time by module', modules));
console.log(`\n${list('self time by function', functions)}`);
if (args.includes('--inclusive')) console.log(`\n${list('inclusive time by function', inclusive)}`);
