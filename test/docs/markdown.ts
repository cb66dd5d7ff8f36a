/**
 * The fenced blocks of the docs, read from the Markdown at test time: each with its file, the
 * heading it sits under, its number in the file, its line, its language and the `docs-test`
 * comment right before it (the convention is in test/docs/README.md).
 *
 *   <!-- docs-test: skip — npm start is run by test/cli/serverStart.test.ts -->
 *   <!-- docs-test: config at /sources — list items of `sources:` -->
 *   <!-- docs-test: action from schema/actions/provision_cloud_resource.json — `permissions` of an action -->
 *
 * A directive is a kind (`skip`, `error`, `config`, `blueprint`, `action`, `data`, `excerpt`),
 * then optionally `at <JSON pointer>` (where a partial block goes), `from <file>` (the file the
 * partial block completes), `of <file>` (the file the block is an excerpt of), a JSON object
 * (the document the partial block completes), `beside <file> [as <name>]` (a repository file the
 * block's lattice.yaml names, put next to it); after a dash (— or --), the note, which `skip`
 * requires as its reason.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Directive {
  readonly kind: string;
  /** JSON pointer where a partial block goes in the document it completes. */
  readonly at?: string;
  /** `from <file>`: the repository file a partial block completes. */
  readonly file?: string;
  /** `of <file>`: the repository file the block is an excerpt of. */
  readonly of?: string;
  /** The document a partial block completes, written in the comment. */
  readonly base?: unknown;
  /** A repository file the block's config names, put beside lattice.yaml (as `besideAs`, else its own name). */
  readonly beside?: string;
  readonly besideAs?: string;
  readonly note: string;
}

export interface Block {
  /** Path from the repository root, e.g. docs/sources.md. */
  readonly file: string;
  /** The nearest heading above the block (its text, without #), or "(top)". */
  readonly heading: string;
  /** 1-based among the file's fenced blocks. */
  readonly index: number;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The info string's first word; "" when the block has none. */
  readonly language: string;
  readonly text: string;
  readonly directive?: Directive;
  /** A `docs-test` comment that could not be read: the reason, for the failure. */
  readonly badDirective?: string;
}

/** How a failure names a block: file, line, heading and number. */
export const where = (b: Block): string => `${b.file}:${b.line} (block ${b.index} under "${b.heading}")`;

const DIRECTIVE = /^<!--\s*docs-test:\s*(.*?)\s*-->$/;
const HEAD = /^(\w+)((?:\s+(?:at|of|from|beside|as)\s+\S+)*)\s*(\{.*\})?$/;

/** Reads the text inside `<!-- docs-test: … -->`; throws a message naming what is wrong. */
export function parseDirective(inside: string): Directive {
  const [head, ...rest] = inside.split(/\s+(?:—|--)\s+/);
  const note = rest.join(' — ').trim();
  const m = HEAD.exec(head.trim());
  if (!m) throw new Error(`cannot read "${head}": expected a kind, then "at <pointer>", "of|from <file>", "beside <file> [as <name>]" or a JSON object, then "— note"`);
  const words = m[2].trim().split(/\s+/).filter(Boolean);
  const options = new Map<string, string>();
  for (let i = 0; i < words.length; i += 2) options.set(words[i], words[i + 1]);
  const at = options.get('at');
  const file = options.get('from');
  let base: unknown;
  if (m[3]) {
    try {
      base = JSON.parse(m[3]);
    } catch (err) {
      throw new Error(`its JSON object does not parse: ${(err as Error).message}`, { cause: err });
    }
  }
  if (at !== undefined && !at.startsWith('/')) throw new Error(`"at ${at}": a JSON pointer starts with /`);
  return { kind: m[1], at, file, of: options.get('of'), base, beside: options.get('beside'), besideAs: options.get('as'), note };
}

/** Every fenced block of one Markdown file. */
export function blocksOf(root: string, file: string): Block[] {
  const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
  const blocks: Block[] = [];
  let heading = '(top)';
  let previous = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^(```+|~~~+)\s*([^\s`]*)/.exec(line);
    if (!fence) {
      if (/^#{1,6}\s/.test(line)) heading = line.replace(/^#+\s+/, '').trim();
      if (line.trim()) previous = line.trim();
      continue;
    }
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i].startsWith(fence[1]); i++) body.push(lines[i]);
    if (i >= lines.length) throw new Error(`${file}:${start + 1}: a fenced block that is never closed`);
    const comment = DIRECTIVE.exec(previous);
    let directive: Directive | undefined;
    let badDirective: string | undefined;
    if (comment) {
      try {
        directive = parseDirective(comment[1]);
      } catch (err) {
        badDirective = (err as Error).message;
      }
    }
    blocks.push({ file, heading, index: blocks.length + 1, line: start + 1, language: fence[2], text: `${body.join('\n')}\n`, directive, badDirective });
    previous = '';
  }
  return blocks;
}

/** README.md and docs/*.md: the Markdown the docs test covers. */
export function documentedFiles(root: string): string[] {
  const docs = readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);
  return ['README.md', ...docs];
}

/** Blocks without a language, with one the test does not know, or with an unreadable comment. */
export function markingProblems(blocks: readonly Block[], languages: readonly string[]): string[] {
  return blocks.flatMap((b) => [
    ...(b.language === '' ? [`${where(b)}: no language (give it one; trees, tables and output are \`text\`)`] : []),
    ...(b.language && !languages.includes(b.language) ? [`${where(b)}: language "${b.language}" is not one of ${languages.join(', ')}`] : []),
    ...(b.badDirective ? [`${where(b)}: its docs-test comment: ${b.badDirective}`] : []),
  ]);
}

/** Files a skip reason names (test/…, .ci/…, scripts/…, bench/…). */
const namedFiles = (reason: string) => [...reason.matchAll(/(?:^|[\s(`])((?:test|\.ci|scripts|bench)\/[\w./-]+\w)/g)].map((m) => m[1]);

/** Skipped blocks whose reason is missing, names no file that runs the block instead, or names a file that does not exist. */
export function skipProblems(skipped: readonly Block[], root: string): string[] {
  return skipped.flatMap((b) => {
    const note = b.directive?.note ?? '';
    if (!note) return [`${where(b)}: "skip" needs a reason after a dash: <!-- docs-test: skip — why; what runs it instead -->`];
    const files = namedFiles(note);
    if (files.length === 0) return [`${where(b)}: the reason names no file that runs it instead (a test file, or .ci/run): "${note}"`];
    return files.filter((f) => !existsSync(path.join(root, f))).map((f) => `${where(b)}: the reason names ${f}, which does not exist`);
  });
}
