/**
 * The corpus's blueprints through `lattice check`'s core (src/cli/checkProject.ts):
 *
 * - Every blueprint Port's own API schema accepts (index.json) must load together with the other
 *   blueprints of its source: one group per repository, and per integration for port-labs/ocean
 *   (each of its integrations is installed on its own). A relation (or mirror, or aggregation) to a
 *   blueprint that is not in the group is the only allowed complaint: it is counted as such, the
 *   missing blueprint is stood in for by an empty one, and the group is checked again, so naming,
 *   mirror paths and the generated schema are still checked. A group that states one identifier in
 *   several files (alternative versions of a blueprint) is checked once per version.
 * - Every blueprint Port's API schema refuses must be refused, with a location in its file.
 * - Every file that is not valid JSON as published must be refused with its line and column.
 */
import { basename } from 'node:path';
import { checkProject } from '../../src/cli/checkProject.ts';
import type { LatticeError } from '../../src/errors/index.ts';
import type { SourceFile } from '../../src/model/files/definitions.ts';
import type { Corpus, CorpusEntry } from './corpus.ts';

export interface Tally {
  pass: number;
  total: number;
  readonly failures: { file: string; problems: string[] }[];
}

export interface BlueprintResults {
  /** Port-valid blueprints that load with their group. */
  readonly accepted: Tally;
  /** Relations, mirrors or aggregations to a blueprint outside the group (allowed), as `file → target`. */
  readonly outside: readonly string[];
  /** Port-invalid blueprints refused with a location in their file. */
  readonly refused: Tally;
  /** Of those, refused at (or under) the JSON pointer Port's schema names. */
  readonly refusedAtPortPointer: number;
  /** Files that are not valid JSON, refused with a line and column. */
  readonly invalidJson: Tally;
  /** Of those, at the line Python's json names. */
  readonly invalidJsonSameLine: number;
}

const OUTSIDE = /targets unknown blueprint "([^"]+)"/;
const STUB_DIR = '<outside the group>/';

const tally = (): Tally => ({ pass: 0, total: 0, failures: [] });
const describe = (e: LatticeError) => `${e.where() ? `${e.where()}: ` : ''}${e.message}`;

/** The group a blueprint belongs with: its repository, or its integration for Ocean's monorepo. */
function groupOf(entry: CorpusEntry): string {
  return entry.repo === 'port-labs/ocean' ? basename(entry.file).split('__')[0] : entry.repo;
}

/** A group's files split into versions so that no identifier repeats; each file is the subject of exactly one. */
function versions(entries: readonly CorpusEntry[]): { files: CorpusEntry[]; subjects: Set<string> }[] {
  const byId = new Map<string, CorpusEntry[]>();
  for (const e of entries) byId.set(e.identifier ?? e.file, [...(byId.get(e.identifier ?? e.file) ?? []), e]);
  const depth = Math.max(0, ...[...byId.values()].map((l) => l.length));
  return Array.from({ length: depth }, (_, k) => {
    const files = [...byId.values()].map((l) => l[Math.min(k, l.length - 1)]);
    return { files, subjects: new Set([...byId.values()].flatMap((l) => (l[k] ? [l[k].file] : []))) };
  });
}

/**
 * Checks blueprint files together; blueprints outside them are stood in for. Returns the files
 * with problems (each with its messages) and the outside targets. A problem that names no file
 * of the group fails them all.
 */
export async function checkGroup(files: readonly SourceFile[]): Promise<{ failed: Map<string, string[]>; outside: string[]; standIns: SourceFile[] }> {
  const failed = new Map<string, string[]>();
  const outside: string[] = [];
  const stubs = new Map<string, SourceFile>();
  let current = [...files];
  for (let round = 0; round < 20 && current.length > 0; round++) {
    const report = await checkProject({ blueprints: [...current, ...stubs.values()] });
    const missing = new Set<string>();
    const bad: LatticeError[] = [];
    for (const e of report.errors) {
      const target = OUTSIDE.exec(e.message)?.[1];
      if (target !== undefined) {
        missing.add(target);
        outside.push(`${e.location?.file ?? '?'} → ${target}`);
      } else if (![...stubs.keys()].some((id) => e.message.includes(`"${id}"`))) bad.push(e);
    }
    const added = [...missing].filter((id) => !stubs.has(id));
    for (const id of added) stubs.set(id, { file: `${STUB_DIR}${id}`, text: JSON.stringify({ identifier: id, title: id, schema: { properties: {} } }) });
    if (bad.length === 0 && added.length === 0) break;
    if (bad.length === 0) continue;
    const located = bad.filter((e) => current.some((f) => f.file === e.location?.file));
    const culprits = located.length ? located : bad;
    for (const e of culprits) {
      const files = located.length ? [e.location?.file as string] : current.map((f) => f.file);
      for (const f of files) failed.set(f, [...(failed.get(f) ?? []), describe(e)]);
    }
    current = current.filter((f) => !failed.has(f.file));
  }
  return { failed, outside: [...new Set(outside)].filter((o) => !failed.has(o.split(' → ')[0])), standIns: [...stubs.values()] };
}

/** Blueprint files plus empty stand-ins for the blueprints outside them that they name. */
export async function withStandIns(files: readonly SourceFile[]): Promise<SourceFile[]> {
  return [...files, ...(await checkGroup(files)).standIns];
}

/** The group a corpus file belongs with (exported for entities and actions, which look for their blueprints there first). */
export const sourceGroup = groupOf;

export async function checkBlueprints(corpus: Corpus): Promise<BlueprintResults> {
  const accepted = tally();
  const refused = tally();
  const invalidJson = tally();
  const outside: string[] = [];
  let refusedAtPortPointer = 0;
  let invalidJsonSameLine = 0;
  const source = (e: CorpusEntry): SourceFile => ({ file: e.file, text: corpus.text(e.file) });

  const blueprints = corpus.entries.filter((e) => e.kind === 'blueprint' || e.kind === 'blueprint-yaml');
  const groups = new Map<string, CorpusEntry[]>();
  for (const e of blueprints) if (e.port_api_schema?.valid) groups.set(groupOf(e), [...(groups.get(groupOf(e)) ?? []), e]);
  for (const entries of groups.values()) {
    for (const { files, subjects } of versions(entries)) {
      const { failed, outside: out } = await checkGroup(files.map(source));
      outside.push(...out.filter((o) => subjects.has(o.split(' → ')[0])));
      for (const file of subjects) {
        accepted.total++;
        const problems = failed.get(file);
        if (problems) accepted.failures.push({ file, problems });
        else accepted.pass++;
      }
    }
  }

  for (const e of blueprints.filter((b) => b.port_api_schema && !b.port_api_schema.valid)) {
    refused.total++;
    const { failed } = await checkGroup([source(e)]);
    const problems = failed.get(e.file);
    if (!problems) {
      refused.failures.push({ file: e.file, problems: [`loads, but Port's API schema refuses it: ${(e.port_api_schema?.errors ?? []).join('; ')}`] });
      continue;
    }
    refused.pass++;
    const portPointers = (e.port_api_schema?.errors ?? []).map((m) => m.split(':')[0]);
    if (problems.some((p) => portPointers.some((pp) => p.includes(` at ${pp}`)))) refusedAtPortPointer++;
  }

  for (const e of corpus.entries.filter((b) => b.kind === 'blueprint-invalid')) {
    invalidJson.total++;
    const report = await checkProject({ blueprints: [source(e)] });
    const located = report.errors.find((x) => x.location?.file === e.file && x.location.line !== undefined);
    if (!located) {
      invalidJson.failures.push({ file: e.file, problems: report.errors.length ? report.errors.map(describe) : ['loads, but it is not valid JSON'] });
      continue;
    }
    invalidJson.pass++;
    if (e.error && new RegExp(`\\(line ${located.location?.line} col`).test(e.error)) invalidJsonSameLine++;
  }
  return { accepted, outside, refused, refusedAtPortPointer, invalidJson, invalidJsonSameLine };
}
