/**
 * A `yaml` or `json` block of the docs, parsed, then loaded by the real loader of what it is:
 * - `config` (the default for YAML): lattice.yaml through `loadConfig`, in a folder of its own,
 *   each `${NAME}` it uses set to a placeholder;
 * - `blueprint`: through `loadBlueprints`, with the demo's blueprints (examples/demo/blueprints:
 *   the shipped five and what the demo's sources add) beside it (it replaces the one with its
 *   identifier);
 * - `action`, `scorecard`: through `loadActions` / `loadScorecards`, over the demo's blueprints;
 * - `automation`: through `loadAutomations`, over the demo's blueprints and the shipped actions;
 * - `data` (the default for JSON): parsed only (responses, messages, Port queries shown as data).
 * A partial block is completed first: `at <pointer>` places it in the document the directive
 * names (`from <file>`, or a JSON object in the comment, or `{}`): a list replaces what is at the
 * pointer, an object is merged into it. JSON that is a list of members (`"key": …`) is read as
 * the object `{ … }`. `of <file>`: the block is an excerpt of that file (what it shows is there,
 * at the same places; the file may hold more keys). `beside <file> [as <name>]` puts a repository file next to the block's
 * lattice.yaml (a `portAppConfig` it names).
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import { loadConfig } from '../../../src/config/index.ts';
import { loadActions } from '../../../src/model/actions/load.ts';
import { loadAutomations } from '../../../src/model/automations/load.ts';
import { loadBlueprints } from '../../../src/model/blueprints/load.ts';
import { loadScorecards } from '../../../src/model/scorecards/load.ts';
import { ROOT } from '../../helpers/lattice.ts';
import type { Block } from '../markdown.ts';

const KINDS = ['config', 'blueprint', 'action', 'scorecard', 'automation', 'data'] as const;

/** The block's value, and the text it was read from (a list of JSON members wrapped in `{ }`). */
function parseBlock(block: Block): { value: unknown; text: string } {
  if (block.language === 'yaml') return { value: parseYaml(block.text) as unknown, text: block.text };
  const text = /^\s*[[{]/.test(block.text) ? block.text : `{${block.text}}`;
  return { value: JSON.parse(text) as unknown, text };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `value` placed at `pointer` in `base`: a list replaces, an object merges. */
export function complete(base: unknown, pointer: string, value: unknown): unknown {
  const root = structuredClone(base ?? {});
  const keys = pointer.split('/').slice(1).map((k) => k.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (keys.length === 0) return isObject(value) && isObject(root) ? { ...root, ...value } : value;
  let parent: any = root;
  for (const key of keys.slice(0, -1)) {
    parent[key] ??= {};
    parent = parent[key];
  }
  const last = keys[keys.length - 1];
  parent[last] = isObject(value) && isObject(parent[last]) ? { ...parent[last], ...value } : value;
  return root;
}

/** What the value shows that `file` does not hold at the same place (objects: a subset of keys; lists: the same length). */
export function excerptOfProblems(value: unknown, file: unknown, at = ''): string[] {
  if (Array.isArray(value)) {
    if (!Array.isArray(file)) return [`${at || '/'} is a list here, not in the file`];
    if (value.length !== file.length) return [`${at || '/'} has ${value.length} items here, ${file.length} in the file`];
    return value.flatMap((v, i) => excerptOfProblems(v, file[i], `${at}/${i}`));
  }
  if (isObject(value)) {
    if (!isObject(file)) return [`${at || '/'} is an object here, not in the file`];
    return Object.entries(value).flatMap(([k, v]) => (k in file ? excerptOfProblems(v, file[k], `${at}/${k}`) : [`${at}/${k} is not in the file`]));
  }
  return JSON.stringify(value) === JSON.stringify(file) ? [] : [`${at || '/'} is ${JSON.stringify(value)} here, ${JSON.stringify(file)} in the file`];
}

/** The files of a repository folder, as the loaders take them. */
function filesIn(folder: string): { file: string; text: string }[] {
  const dir = path.join(ROOT, folder);
  return readdirSync(dir)
    .sort()
    .map((f) => ({ file: path.join(dir, f), text: readFileSync(path.join(dir, f), 'utf8') }));
}

/** The demo's blueprints (examples/demo/blueprints: the shipped five and what its sources add), which the docs' examples use. */
const demoBlueprintFiles = () => filesIn('examples/demo/blueprints');

export function loadDataBlock(block: Block): void {
  const d = block.directive;
  const kind = d?.kind ?? (block.language === 'yaml' ? 'config' : 'data');
  if (!(KINDS as readonly string[]).includes(kind)) throw new Error(`a ${block.language} block's directive is one of ${KINDS.join(', ')}; got "${kind}"`);
  const { value: parsed, text: parsedText } = parseBlock(block);
  let value = parsed;
  if (d?.at !== undefined || d?.file || d?.base) {
    const base = d.file ? (parseYaml(readFileSync(path.join(ROOT, d.file), 'utf8')) as unknown) : d.base;
    value = complete(base, d.at ?? '', value);
  }
  // A whole block is loaded as it is written, so that an error's line is the block's line.
  const written = value === parsed;
  if (d?.of) {
    const problems = excerptOfProblems(value, parseYaml(readFileSync(path.join(ROOT, d.of), 'utf8')));
    if (problems.length > 0) throw new Error(`it says it is an excerpt of ${d.of}, which differs:\n  ${problems.join('\n  ')}`);
  }
  if (kind === 'config') {
    const dir = mkdtempSync(path.join(tmpdir(), 'lattice-docs-config-'));
    const text = written ? parsedText : stringify(value);
    writeFileSync(path.join(dir, 'lattice.yaml'), text);
    if (d?.beside) copyFileSync(path.join(ROOT, d.beside), path.join(dir, d.besideAs ?? path.basename(d.beside)));
    const env = Object.fromEntries([...text.matchAll(/\$\{(\w+)/g)].map((m) => [m[1], `docs-test-${m[1]}`]));
    try {
      loadConfig({ ...env, LATTICE_CONFIG: path.join(dir, 'lattice.yaml') }, dir);
    } catch (err) {
      const note = written ? ` (lattice.yaml:N is line N of the block, ${block.file}:${block.line}+N)` : ' (lattice.yaml is the block completed as its directive says)';
      throw new Error(`${(err as Error).message.replaceAll(dir + path.sep, '')}${note}`, { cause: err });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else if (kind === 'blueprint') {
    const identifier = isObject(value) ? value.identifier : undefined;
    const others = demoBlueprintFiles().filter((f) => (parseYaml(f.text) as { identifier?: string }).identifier !== identifier);
    loadBlueprints([...others, { file: `${block.file}#block-${block.index}.json`, text: written ? parsedText : JSON.stringify(value, null, 2) }]);
  } else if (kind === 'action' || kind === 'scorecard') {
    const { model } = loadBlueprints(demoBlueprintFiles());
    const file = { file: `${block.file}#block-${block.index}.json`, text: written ? parsedText : JSON.stringify(value, null, 2) };
    if (kind === 'action') loadActions([file], model);
    else loadScorecards([file], model);
  } else if (kind === 'automation') {
    const { model } = loadBlueprints(demoBlueprintFiles());
    const { actions } = loadActions(filesIn('schema/actions'), model);
    loadAutomations([{ file: `${block.file}#block-${block.index}.json`, text: written ? parsedText : JSON.stringify(value, null, 2) }], model, actions);
  }
}
