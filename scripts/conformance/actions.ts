/**
 * The corpus's self-service actions (Port's current format, `trigger` + `invocationMethod`)
 * through `lattice check`'s core: each one Port's API schema accepts must load with the blueprints
 * it names (its trigger's, its entity inputs'; from the corpus, the same source first; an empty
 * stand-in when the corpus has none, which is counted); each one it refuses must be refused with a location in its file,
 * or, when Port's only objection is a key Lattice reads as its own (a top-level `permissions`: Port
 * keeps an action's permissions behind its own route, `/v1/actions/{identifier}/permissions`;
 * Lattice reads them from the action file, docs/actions.md), load (counted apart, as scorecards.ts does).
 * Problems that name a stand-in blueprint are allowed: they are about what is not in the corpus.
 */
import { checkProject } from '../../src/cli/checkProject.ts';
import type { SourceFile } from '../../src/model/files/definitions.ts';
import { sourceGroup, withStandIns, type Tally } from './blueprints.ts';
import type { Corpus } from './corpus.ts';

export interface ActionResults {
  readonly accepted: Tally;
  readonly refused: Tally;
  /** Blueprints named by actions that are not in the corpus (checked against an empty stand-in). */
  readonly standIn: number;
  /** Actions Port refuses only for a key Lattice reads as its own, which Lattice loads. */
  readonly refusedLoaded: number;
}

/** Top-level keys of an action file that Lattice reads and Port's action route does not take. */
const LATTICE_KEYS = ['permissions'];

/** Whether every objection of Port's API schema is a Lattice key at the top of the action. */
const onlyLatticeKeys = (errors: readonly string[]) =>
  errors.length > 0 && errors.every((e) => LATTICE_KEYS.some((k) => e === `/: Additional properties are not allowed ('${k}' was unexpected)`));

/** Every blueprint an action names: its trigger's, and those of `format: entity` inputs. */
function blueprintsNamed(value: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'blueprint' || k === 'blueprintIdentifier') && typeof x === 'string') out.add(x);
        else walk(x);
      }
    }
  };
  walk(value);
  return out.size ? [...out] : ['standIn'];
}

export async function checkActions(corpus: Corpus): Promise<ActionResults> {
  const accepted: Tally = { pass: 0, total: 0, failures: [] };
  const refused: Tally = { pass: 0, total: 0, failures: [] };
  let standIn = 0;
  let refusedLoaded = 0;
  const blueprints = corpus.entries.filter((e) => (e.kind === 'blueprint' || e.kind === 'blueprint-yaml') && e.port_api_schema?.valid);
  for (const entry of corpus.entries.filter((e) => e.kind === 'action' && e.port_api_schema)) {
    const named = blueprintsNamed(corpus.value(entry.file));
    const stood: string[] = [];
    const files: SourceFile[] = [];
    for (const id of named) {
      const candidates = blueprints.filter((b) => b.identifier === id);
      const bp = candidates.find((b) => sourceGroup(b) === sourceGroup(entry)) ?? candidates[0];
      if (bp) files.push({ file: bp.file, text: corpus.text(bp.file) });
      else {
        stood.push(id);
        standIn++;
        files.push({ file: `<outside the corpus>/${id}`, text: JSON.stringify({ identifier: id, title: id, schema: { properties: {} } }) });
      }
    }
    files.push(...(await withStandIns(files)).slice(files.length));
    stood.push(...files.filter((f) => f.file.startsWith('<')).map((f) => f.file.split('/').pop() as string));
    const report = await checkProject({ blueprints: files, actions: [{ file: entry.file, text: corpus.text(entry.file) }] });
    // A problem about a stand-in names it: in a blueprint file, anywhere in the message; in the
    // action's own file, as a blueprint (`blueprint "team" has no property ...`), so that a list
    // of allowed values holding "team" is not taken for one.
    const aboutStandIn = (e: (typeof report.errors)[number]) =>
      stood.some((id) => (e.location?.file === entry.file ? e.message.includes(`blueprint "${id}"`) : e.message.includes(`"${id}"`)));
    const problems = report.errors.filter((e) => !aboutStandIn(e));
    const described = problems.map((e) => `${e.where()}: ${e.message}`);
    if (entry.port_api_schema?.valid) {
      accepted.total++;
      if (described.length) accepted.failures.push({ file: entry.file, problems: described });
      else accepted.pass++;
    } else {
      refused.total++;
      if (problems.some((e) => e.location?.file === entry.file && e.location.line !== undefined)) refused.pass++;
      else if (problems.length === 0 && onlyLatticeKeys(entry.port_api_schema?.errors ?? [])) {
        refused.pass++;
        refusedLoaded++;
      }
      else refused.failures.push({ file: entry.file, problems: [`loads, but Port's API schema refuses it: ${(entry.port_api_schema?.errors ?? []).join('; ')}`, ...described] });
    }
  }
  return { accepted, refused, standIn, refusedLoaded };
}
