/**
 * The corpus's scorecards through the loader Lattice serves with (src/model/scorecards/load.ts),
 * each with its blueprint from the corpus: the scorecard's own `blueprint`, else the one its index
 * entry names (Port keeps it in the API path or the file around it), else the blueprint of its
 * source the rules fit (tried in turn). Every scorecard Port's API schema accepts must load; the
 * ones it refuses (for keys Lattice reads, like `blueprint` and `description`, or for their shape)
 * are counted as Lattice treats them: loaded (with the warnings that say what was read leniently)
 * or refused with a location; every file that is not JSON must be refused with its line and column.
 */
import { loadBlueprints, type SourceFile } from '../../src/model/blueprints/load.ts';
import type { LatticeError } from '../../src/errors/index.ts';
import { LatticeErrors } from '../../src/errors/index.ts';
import { loadScorecards } from '../../src/model/scorecards/load.ts';
import { sourceGroup, withStandIns, type Tally } from './blueprints.ts';
import type { Corpus, CorpusEntry } from './corpus.ts';

export interface ScorecardResults {
  /** Scorecards Port accepts, loaded with their blueprint. */
  readonly accepted: Tally;
  /** Scorecards Port refuses: pass = Lattice loads them or refuses them with a location (never a crash or a silent half-load). */
  readonly portRefused: Tally;
  /** Of those, how many Lattice loads (the rest are refused with a location). */
  readonly portRefusedLoaded: number;
  /** Files that are not JSON, refused with line and column. */
  readonly invalidJson: Tally;
  /** Scorecards whose blueprint is not in the corpus (another source's blueprint of that name did not fit): not counted. */
  readonly noBlueprint: readonly string[];
}

const tally = (): Tally => ({ pass: 0, total: 0, failures: [] });

/**
 * Loads one scorecard file against one blueprint of the corpus, with the other blueprints of its
 * source (what its relations, mirrors and aggregations name; stand-ins for the rest); the problems, or none.
 */
async function tryLoad(corpus: Corpus, entry: CorpusEntry, blueprint: CorpusEntry | undefined, id: string, group: readonly CorpusEntry[] = []): Promise<LatticeError[]> {
  const others = group.filter((b) => b !== blueprint && b.identifier !== blueprint?.identifier).filter((b, i, all) => all.findIndex((x) => x.identifier === b.identifier) === i);
  const files: SourceFile[] = blueprint
    ? [blueprint, ...others].map((b) => ({ file: b.file, text: corpus.text(b.file) }))
    : [{ file: `<outside the corpus>/${id}`, text: JSON.stringify({ identifier: id, title: id, schema: { properties: {} } }) }];
  try {
    const { model } = loadBlueprints(await withStandIns(files), { strict: false });
    loadScorecards([{ file: entry.file, text: corpus.text(entry.file) }], model, { blueprint: id });
    return [];
  } catch (err) {
    if (err instanceof LatticeErrors) return [...err.errors];
    throw err;
  }
}

export async function checkScorecards(corpus: Corpus): Promise<ScorecardResults> {
  const accepted = tally();
  const portRefused = tally();
  const invalidJson = tally();
  let portRefusedLoaded = 0;
  const noBlueprint: string[] = [];
  const blueprints = corpus.entries.filter((e) => e.kind === 'blueprint' && e.port_api_schema?.valid);
  for (const entry of corpus.entries.filter((e) => e.kind === 'scorecard-invalid')) {
    invalidJson.total++;
    const problems = await tryLoad(corpus, entry, undefined, 'standIn');
    if (problems.some((e) => e.location?.file === entry.file && e.location.line !== undefined)) invalidJson.pass++;
    else invalidJson.failures.push({ file: entry.file, problems: ['not JSON, and not refused with a line and column'] });
  }
  for (const entry of corpus.entries.filter((e) => e.kind === 'scorecard')) {
    const value = corpus.value(entry.file) as { blueprint?: string };
    const named = value.blueprint ?? (entry as { blueprint?: string }).blueprint;
    const group = blueprints.filter((b) => sourceGroup(b) === sourceGroup(entry));
    const candidates = named ? blueprints.filter((b) => b.identifier === named).sort((a, b) => Number(sourceGroup(b) === sourceGroup(entry)) - Number(sourceGroup(a) === sourceGroup(entry))) : group;
    let problems: LatticeError[] = [{ message: `no blueprint for it in the corpus${named ? ` ("${named}")` : ''}` } as LatticeError];
    for (const bp of candidates) {
      // With the other blueprints of its source (what its relations name), else alone with stand-ins (a broken neighbour aside).
      let attempt = await tryLoad(corpus, entry, bp, bp.identifier as string, blueprints.filter((b) => sourceGroup(b) === sourceGroup(bp)));
      if (attempt.length > 0) attempt = await tryLoad(corpus, entry, bp, bp.identifier as string);
      // Report the problems of the scorecard against its first candidate, not of the last one tried.
      if (attempt.length === 0 || bp === candidates[0]) problems = attempt;
      if (attempt.length === 0) break;
    }
    const ownSource = candidates.some((b) => sourceGroup(b) === sourceGroup(entry));
    if (problems.length > 0 && named && !ownSource) {
      // Its blueprint is not in the corpus (only another source's blueprint of that name): not counted, reported.
      noBlueprint.push(`${entry.file} ("${named}")`);
      continue;
    }
    const described = problems.map((e) => `${e.where?.() ?? ''}: ${e.message}`);
    if (entry.port_api_schema?.valid) {
      accepted.total++;
      if (problems.length === 0) accepted.pass++;
      else accepted.failures.push({ file: entry.file, problems: described });
    } else {
      portRefused.total++;
      if (problems.length === 0) {
        portRefusedLoaded++;
        portRefused.pass++;
      } else if (problems.some((e) => e.location?.file === entry.file && e.location.line !== undefined)) portRefused.pass++;
      else portRefused.failures.push({ file: entry.file, problems: [`Port refuses it (${(entry.port_api_schema?.errors ?? []).join('; ')}); Lattice neither loads it nor locates a problem`, ...described] });
    }
  }
  return { accepted, portRefused, portRefusedLoaded, invalidJson, noBlueprint };
}
