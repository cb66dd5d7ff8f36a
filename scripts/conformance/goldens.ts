/**
 * Ocean's own mapping test fixtures (the corpus's mapping-goldens/): raw upstream objects, the
 * integration's `port-app-config` mapping, and the entities Port expects from them. Each expected
 * entity is one fixture; it passes when some resource of the mapping, applied by Lattice's mapping
 * engine (`compileMapping(...).map`, src/data/mapping.ts) to one of the fixture's raw objects,
 * gives exactly that entity: identifier, blueprint (when Port's names it), title, properties and relations (null values
 * left out on both sides, as Port leaves them out), team when Port's has one, icon when the
 * mapping sets one.
 *
 * A folder's files are told apart by name, as Ocean names them: `*raw*`, `*response*`, `*data*`
 * hold raw objects (a list, `{ result: [...] }`, or one object); `*entity*`, `*output*`,
 * `*after_mapping*` (at the end of the name) the expected entities (a list, one entity, or a map of them); `*mapping*` the
 * port-app-config (else mappings/<integration>.yml). A folder with expected entities but no raw
 * object cannot be run: it is counted apart, as incomplete.
 */
import { dirname } from 'node:path';
import { compileMapping, type CompiledMapping } from '../../src/data/mapping.ts';
import type { EntityInput } from '../../src/model/entities/entity.ts';
import type { Tally } from './blueprints.ts';
import type { Corpus } from './corpus.ts';
import { portResources } from './portAppConfig.ts';

export interface GoldenResults {
  readonly fixtures: Tally;
  /** Expected entities with no raw object to map (folder names). */
  readonly incomplete: readonly string[];
}

type Expected = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function rawObjects(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isObject(value) && Array.isArray(value.result)) return value.result;
  return [value];
}

function expectedEntities(value: unknown): Expected[] {
  if (Array.isArray(value)) return value.filter(isObject);
  if (isObject(value) && typeof value.identifier !== 'undefined') return [value];
  if (isObject(value)) return Object.values(value).filter(isObject);
  return [];
}

const withoutNulls = (o: unknown) => (isObject(o) ? Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) : {});

/** Canonical JSON (keys sorted) for comparing values. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** The fields that differ between Port's entity and Lattice's (empty: the same). */
function differences(expected: Expected, actual: EntityInput, mapsIcon: boolean): string[] {
  const pairs: [string, unknown, unknown][] = [
    ['identifier', expected.identifier, actual.identifier],
    // Ocean's aws-v3 expected outputs leave the blueprint out (their mapping's constant names it).
    ...(expected.blueprint === undefined ? [] : [['blueprint', expected.blueprint, actual.blueprint] as [string, unknown, unknown]]),
    ['title', expected.title ?? null, actual.title ?? null],
  ];
  const ep = withoutNulls(expected.properties);
  const ap = withoutNulls(actual.properties);
  for (const k of new Set([...Object.keys(ep), ...Object.keys(ap)])) pairs.push([`properties.${k}`, ep[k], ap[k]]);
  const er = withoutNulls(expected.relations);
  const ar = withoutNulls(actual.relations);
  for (const k of new Set([...Object.keys(er), ...Object.keys(ar)])) pairs.push([`relations.${k}`, er[k], ar[k]]);
  const team = typeof expected.team === 'string' ? [expected.team] : expected.team;
  if (Array.isArray(team) && team.length) pairs.push(['team', team, actual.team]);
  if (mapsIcon) pairs.push(['icon', expected.icon ?? null, actual.icon ?? null]);
  return pairs.filter(([, e, a]) => canonical(e) !== canonical(a)).map(([k, e, a]) => `${k}: Port ${canonical(e)}, Lattice ${canonical(a)}`);
}

export async function checkGoldens(corpus: Corpus): Promise<GoldenResults> {
  const fixtures: Tally = { pass: 0, total: 0, failures: [] };
  const incomplete: string[] = [];
  const folders = new Map<string, string[]>();
  for (const e of corpus.entries.filter((x) => x.kind === 'mapping-golden')) folders.set(dirname(e.file), [...(folders.get(dirname(e.file)) ?? []), e.file]);

  for (const [folder, files] of folders) {
    const name = (f: string) => f.slice(folder.length + 1).toLowerCase();
    const expectedFiles = files.filter((f) => /(entity|output|after_mapping)\.json$/.test(name(f)));
    const rawFiles = files.filter((f) => /(raw|response|data)[^/]*\.json$/.test(name(f)) && !expectedFiles.includes(f));
    const integration = folder.split('/')[1];
    const mappingFile = files.find((f) => /mapping[^/]*\.ya?ml$/.test(name(f))) ?? [`mappings/${integration}.yml`].find((f) => corpus.exists(f));
    const expected = expectedFiles.flatMap((f) => expectedEntities(corpus.value(f)).map((entity, i) => ({ id: `${f}#${i}`, entity })));
    if (expected.length === 0) continue;
    if (rawFiles.length === 0 || !mappingFile) {
      incomplete.push(`${folder} (${expected.length} expected entit${expected.length === 1 ? 'y' : 'ies'}; no ${rawFiles.length === 0 ? 'raw object' : 'mapping'})`);
      continue;
    }
    const raws = rawFiles.flatMap((f) => rawObjects(corpus.value(f)));
    const compiled: { mapping: CompiledMapping; mapsIcon: boolean }[] = [];
    const compileProblems: string[] = [];
    for (const r of portResources(corpus.value(mappingFile))) {
      try {
        const mappings = r.config.port?.entity?.mappings;
        compiled.push({ mapping: compileMapping(r.config, 'conformance', r.pointer), mapsIcon: [mappings].flat().some((m) => typeof m?.icon === 'string') });
      } catch (err) {
        compileProblems.push(`${mappingFile}${r.pointer}: ${(err as Error).message}`);
      }
    }
    const outputs: { entity: EntityInput; mapsIcon: boolean }[] = [];
    const mapProblems = new Set<string>();
    for (const raw of raws) {
      for (const { mapping, mapsIcon } of compiled) {
        try {
          for (const entity of await mapping.map(raw)) outputs.push({ entity, mapsIcon });
        } catch (err) {
          mapProblems.add(`${mapping.kind}: ${(err as Error).message}`);
        }
      }
    }
    for (const { id, entity } of expected) {
      fixtures.total++;
      if (outputs.some((o) => differences(entity, o.entity, o.mapsIcon).length === 0)) {
        fixtures.pass++;
        continue;
      }
      // The output to show the differences against: of those with Port's blueprint (any, when Port's
      // entity names none, as aws-v3's do), the one that differs in the fewest fields.
      const candidates = outputs.filter((o) => entity.blueprint === undefined || o.entity.blueprint === entity.blueprint).map((o) => differences(entity, o.entity, o.mapsIcon));
      const closest = candidates.sort((a, b) => a.length - b.length)[0];
      const problems = closest ?? [`no resource maps a raw object to blueprint ${JSON.stringify(entity.blueprint)}`];
      fixtures.failures.push({ file: id, problems: [...problems, ...compileProblems, ...mapProblems].slice(0, 6) });
    }
  }
  return { fixtures, incomplete };
}
