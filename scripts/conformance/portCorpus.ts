/**
 * `npm run conformance` (second part): Port's corpus as a yardstick. Reads ../shared/port-corpus
 * (or $LATTICE_PORT_CORPUS; never copied into the repository, never read by `npm test`) and runs
 * it through the code Lattice serves with:
 *
 *   blueprints   every blueprint Port's API schema accepts loads with `lattice check`, with its
 *                source's other blueprints (blueprints.ts); every one it refuses is refused with a
 *                location; every file that is not valid JSON is refused with its line and column
 *   mappings     every port-app-config file in mappings/ compiles (mappings.ts)
 *   goldens      every Ocean fixture in mapping-goldens/ maps to exactly the expected entity (goldens.ts)
 *   entities     every example entity Port accepts loads as a catalog file against its blueprint (entities.ts)
 *   actions      every action Port accepts loads with its blueprint; every one it refuses is refused, unless
 *                Port's only objection is a key Lattice reads as its own (actions.ts)
 *   scorecards   every scorecard Port accepts loads with its blueprint; the ones Port refuses load or are
 *                refused with a location; a file that is not JSON is refused with its line (scorecards.ts)
 *
 * Prints the pass count of each category and exits 1 when one falls below its floor in
 * conformance/port-corpus-floor.json (a ratchet: raise it when a count rises).
 * LATTICE_CONFORMANCE_VERBOSE=1 lists every failure. Writes nothing.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkActions } from './actions.ts';
import { checkBlueprints, type Tally } from './blueprints.ts';
import { openCorpus } from './corpus.ts';
import { checkEntities } from './entities.ts';
import { checkGoldens } from './goldens.ts';
import { checkMappings } from './mappings.ts';
import { checkScorecards } from './scorecards.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = process.env.LATTICE_PORT_CORPUS ?? join(root, '..', 'shared', 'port-corpus');
const corpus = openCorpus(dir);
if (!corpus) {
  console.error(`conformance: Port's corpus is not at ${join(dir, 'index.json')} (the ../shared/port-corpus yardstick beside the repository; set LATTICE_PORT_CORPUS to its folder)`);
  process.exit(1);
}
const floors = JSON.parse(readFileSync(join(root, 'conformance', 'port-corpus-floor.json'), 'utf8')) as Record<string, number>;
const verbose = Boolean(process.env.LATTICE_CONFORMANCE_VERBOSE);

const blueprints = await checkBlueprints(corpus);
const mappings = checkMappings(corpus);
const goldens = await checkGoldens(corpus);
const entities = await checkEntities(corpus);
const actions = await checkActions(corpus);
const scorecards = await checkScorecards(corpus);

const rows: [key: string, label: string, tally: Tally][] = [
  ['blueprintsAccepted', 'blueprints Port accepts, loaded with their source', blueprints.accepted],
  ['blueprintsRefused', 'blueprints Port refuses, refused with a location', blueprints.refused],
  ['invalidJsonRefused', 'files that are not JSON, refused with line and column', blueprints.invalidJson],
  ['mappingFiles', 'port-app-config files (mappings/) that compile', mappings.files],
  ['mappingFilesRefused', 'port-app-config files Ocean refuses, refused with the entry\'s pointer', mappings.refused],
  ['mappingExpressions', 'their jq expressions that compile', mappings.expressions],
  ['goldens', 'Ocean fixtures (mapping-goldens/) giving the expected entity', goldens.fixtures],
  ['entities', 'entities Port accepts, loaded as catalog files against their blueprint', entities.entities],
  ['actionsAccepted', 'actions Port accepts, loaded with their blueprint', actions.accepted],
  ['actionsRefused', 'actions Port refuses, refused with a location (or loaded: Port\'s only objection is a key Lattice reads)', actions.refused],
  ['scorecardsAccepted', 'scorecards Port accepts, loaded with their blueprint', scorecards.accepted],
  ['scorecardsPortRefused', 'scorecards Port refuses, loaded (Lattice reads their keys) or refused with a location', scorecards.portRefused],
  ['scorecardsInvalidJson', 'scorecard files that are not JSON, refused with line and column', scorecards.invalidJson],
];

const pct = (t: Tally) => `${((100 * t.pass) / Math.max(1, t.total)).toFixed(1)}%`;
console.log(`\nPort corpus (${dir}):`);
const failedFloors: string[] = [];
for (const [key, label, t] of rows) {
  const floor = floors[key] ?? 0;
  console.log(`${String(t.pass).padStart(5)}/${String(t.total).padEnd(5)} ${pct(t).padStart(6)}  ${label} (floor ${floor})`);
  if (t.pass < floor) failedFloors.push(`${key}: ${t.pass} < ${floor}`);
  if (verbose) for (const f of t.failures) console.log(`        FAIL ${f.file}\n${f.problems.map((p) => `             ${p}`).join('\n')}`);
}
console.log(`  relations/mirrors/aggregations to a blueprint outside the source (allowed, reported): ${blueprints.outside.length}`);
if (verbose) for (const o of blueprints.outside) console.log(`        outside ${o}`);
console.log(`  refused at the pointer Port's schema names: ${blueprints.refusedAtPortPointer}/${blueprints.refused.total}; not-JSON files at Python's line: ${blueprints.invalidJsonSameLine}/${blueprints.invalidJson.total}`);
console.log(`  mapping expressions left out (stock jq refuses them too): ${mappings.excluded}; golden folders without a raw object or mapping: ${goldens.incomplete.length}${goldens.incomplete.length ? ` (${goldens.incomplete.join(', ')})` : ''}`);
console.log(`  entity relations to entities outside the corpus (allowed): ${entities.outside}; entities whose blueprint is not in the corpus: ${entities.noBlueprint.length}`);
console.log(`  blueprints actions name that are not in the corpus (empty stand-ins): ${actions.standIn}; actions Port refuses only for a top-level key Lattice reads (permissions), loaded: ${actions.refusedLoaded}/${actions.refused.total}`);
console.log(`  scorecards Port refuses that Lattice loads: ${scorecards.portRefusedLoaded}/${scorecards.portRefused.total}; scorecards whose blueprint is not in the corpus (not counted): ${scorecards.noBlueprint.join(', ') || 'none'}`);
if (failedFloors.length) {
  console.error(`Port corpus conformance fell below the floor (conformance/port-corpus-floor.json): ${failedFloors.join('; ')}`);
  process.exit(1);
}
