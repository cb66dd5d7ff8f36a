/**
 * The Port corpus beside the repository (../shared/port-corpus, or $LATTICE_PORT_CORPUS): its
 * index.json (one entry per file: kind, source repository, what Port's own API schema says) and
 * a reader for its files. Read at run time by `npm run conformance` only; never copied into the
 * repository and never read by `npm test`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

export interface CorpusEntry {
  readonly file: string;
  readonly kind: string;
  readonly identifier: string | null;
  readonly repo: string;
  readonly port_api_schema?: { readonly valid: boolean; readonly errors?: readonly string[] };
  /** For files that are not valid JSON as published: Python's json error, with its line and column. */
  readonly error?: string;
}

export interface Corpus {
  readonly dir: string;
  readonly entries: readonly CorpusEntry[];
  text(file: string): string;
  /** A JSON or YAML file's value. */
  value(file: string): unknown;
  exists(file: string): boolean;
}

/** The corpus at `dir`, or undefined when there is none (the caller says where it looked). */
export function openCorpus(dir: string): Corpus | undefined {
  if (!existsSync(join(dir, 'index.json'))) return undefined;
  const entries = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as CorpusEntry[];
  const text = (file: string) => readFileSync(join(dir, file), 'utf8');
  return {
    dir,
    entries,
    text,
    value: (file) => (/\.ya?ml$/i.test(file) ? (parseYaml(text(file)) as unknown) : (JSON.parse(text(file)) as unknown)),
    exists: (file) => existsSync(join(dir, file)),
  };
}
