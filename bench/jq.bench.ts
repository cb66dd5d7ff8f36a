/**
 * `npm run bench:jq`: µs per evaluation of typical Port mappings and calculations, the jq engine
 * (src/model/jq) side by side with JSONata doing the same thing, in one run. /usr/bin/jq is left out
 * (a process spawn per call is not comparable). Prints a table; writes nothing.
 */
import jsonata from 'jsonata';
import { compileJq } from '../src/model/jq/index.ts';

const input = {
  full_name: 'port-labs/ocean', name: 'ocean', id: 1234, stargazers_count: 87, language: 'Python',
  updated_at: '2024-03-05T23:51:47Z', topics: ['catalog', 'ocean', 'integrations'],
  relations: [{ type: 'ownedBy', targetRef: 'group:platform' }, { type: 'hasMember', targetRef: 'user:ann' }],
  properties: { x: 41, tier: 'gold' }, owner: { login: 'port-labs' }, head: { repo: { name: 'ocean' } },
  spec: { template: { spec: { containers: [{ name: 'app', image: 'app:1', resources: { limits: { memory: '1Gi', cpu: '1' } } }] } } },
};

const CASES: ReadonlyArray<{ name: string; jq: string; jsonata: string }> = [
  { name: 'field', jq: '.name', jsonata: 'name' },
  { name: 'nested field', jq: '.owner.login', jsonata: 'owner.login' },
  { name: 'calculation', jq: '.properties.x + 1', jsonata: 'properties.x + 1' },
  { name: 'split | .[0]', jq: '.full_name | split("/") | .[0]', jsonata: '$split(full_name, "/")[0]' },
  { name: 'alternative', jq: '.description // ""', jsonata: 'description ? description : ""' },
  { name: 'concat + tostring', jq: '.head.repo.name + "-" + (.id | tostring)', jsonata: 'head.repo.name & "-" & $string(id)' },
  { name: 'select relation', jq: '[.relations[] | select(.type == "ownedBy") | .targetRef]', jsonata: '[relations[type = "ownedBy"].targetRef]' },
  { name: 'map + join', jq: '.topics | map(ascii_upcase) | join(",")', jsonata: '$join($map(topics, $uppercase), ",")' },
  { name: 'object construction', jq: '{identifier: .full_name, title: .name, stars: .stargazers_count}', jsonata: '{"identifier": full_name, "title": name, "stars": stargazers_count}' },
  { name: 'if/then/else', jq: 'if .stargazers_count > 50 then "popular" else "niche" end', jsonata: 'stargazers_count > 50 ? "popular" : "niche"' },
  { name: 'gsub', jq: '.full_name | gsub("/"; "-")', jsonata: '$replace(full_name, "/", "-")' },
];

const ITER = Number(process.env.BENCH_ITER ?? 50_000);

function timeUs(fn: () => unknown): number {
  for (let i = 0; i < 2000; i++) fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < ITER; i++) fn();
  return Number(process.hrtime.bigint() - t0) / 1000 / ITER;
}

async function timeAsyncUs(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 2000; i++) await fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < ITER; i++) await fn();
  return Number(process.hrtime.bigint() - t0) / 1000 / ITER;
}

console.log(`jq engine vs JSONata, µs per evaluation (${ITER} evaluations each, Node ${process.version})`);
console.log('case'.padEnd(22), 'jq engine'.padStart(10), 'JSONata'.padStart(10), '  result');
for (const c of CASES) {
  const program = compileJq(c.jq);
  const expr = jsonata(c.jsonata);
  const jqUs = timeUs(() => program.first(input));
  const jsUs = await timeAsyncUs(() => expr.evaluate(input));
  console.log(c.name.padEnd(22), jqUs.toFixed(2).padStart(10), jsUs.toFixed(2).padStart(10), ' ', JSON.stringify(program.first(input)));
}
