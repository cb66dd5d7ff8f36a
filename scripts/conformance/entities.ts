/**
 * The corpus's example entities as catalog files, through `lattice check`'s core: each one that
 * Port's API schema accepts must load against its blueprint (taken from the corpus, from the same
 * source when it has one, any of its versions there; blueprints outside it stood in for). A relation to an entity that is not
 * in the corpus is the allowed complaint, counted apart; anything else fails the entity.
 */
import { checkProject } from '../../src/cli/checkProject.ts';
import { sourceGroup, withStandIns, type Tally } from './blueprints.ts';
import type { Corpus, CorpusEntry } from './corpus.ts';

export interface EntityResults {
  readonly entities: Tally;
  /** Relations to entities outside the corpus (allowed). */
  readonly outside: number;
  /** Entities whose blueprint is nowhere in the corpus (not counted). */
  readonly noBlueprint: readonly string[];
}

const OUTSIDE = /points at "[^"]*", which is not a \S+ entity/;

export async function checkEntities(corpus: Corpus): Promise<EntityResults> {
  const entities: Tally = { pass: 0, total: 0, failures: [] };
  const noBlueprint: string[] = [];
  let outside = 0;
  const blueprints = corpus.entries.filter((e) => (e.kind === 'blueprint' || e.kind === 'blueprint-yaml') && e.port_api_schema?.valid);
  for (const entry of corpus.entries.filter((e) => e.kind === 'entity' && e.port_api_schema?.valid)) {
    const blueprint = (corpus.value(entry.file) as { blueprint?: string }).blueprint;
    const candidates = blueprints.filter((b) => b.identifier === blueprint);
    const same = candidates.filter((b) => sourceGroup(b) === sourceGroup(entry));
    const versions: CorpusEntry[] = same.length ? same : candidates;
    if (versions.length === 0) {
      noBlueprint.push(`${entry.file} (${String(blueprint)})`);
      continue;
    }
    entities.total++;
    let best: { file: string; problems: string[]; allowed: number } | undefined;
    for (const bp of versions) {
      const files = await withStandIns([{ file: bp.file, text: corpus.text(bp.file) }]);
      const report = await checkProject({ blueprints: files, catalog: [{ file: entry.file, text: corpus.text(entry.file) }] });
      const allowed = report.errors.filter((e) => OUTSIDE.test(e.message));
      const problems = report.errors.filter((e) => !allowed.includes(e)).map((e) => `${e.where()}: ${e.message}`);
      if (!best || problems.length < best.problems.length) best = { file: bp.file, problems, allowed: allowed.length };
      if (problems.length === 0) break;
    }
    if (!best) continue;
    outside += best.allowed;
    if (best.problems.length) entities.failures.push({ file: `${entry.file} (blueprint ${best.file})`, problems: best.problems });
    else entities.pass++;
  }
  return { entities, outside, noBlueprint };
}
