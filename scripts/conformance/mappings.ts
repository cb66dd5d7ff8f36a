/**
 * Every `port-app-config` file in the corpus's mappings/ through Lattice's mapping engine
 * (`compileMapping`, src/data/mapping.ts): a file passes when every resource compiles. Also counted
 * one expression at a time (`compileMappingExpression`, jq as Port's Ocean integrations run it), leaving out
 * the expressions stock jq itself refuses (jq-compile-failures.json). A `file://path` value is not
 * an expression (GitHub reads the file) and is not counted.
 *
 * A file with an entry that Ocean's own configuration model refuses (`selector.query` not a
 * string; a mapping that is not an object with string `identifier` and `blueprint`, as in the
 * documentation excerpts written `mappings: ...`) is counted apart: it passes when Lattice refuses
 * it with the entry's pointer, and its non-string values are not counted as expressions.
 */
import { compileMapping } from '../../src/data/mapping.ts';
import { compileMappingExpression } from '../../src/data/mappingExpression.ts';
import type { Corpus } from './corpus.ts';
import type { Tally } from './blueprints.ts';
import { expressionsOf, portResources, type PortResource } from './portAppConfig.ts';

export interface MappingResults {
  readonly files: Tally;
  /** Files Ocean's configuration model refuses, refused by Lattice with a pointer. */
  readonly refused: Tally;
  readonly expressions: Tally;
  /** Expressions left out because stock jq does not compile them either. */
  readonly excluded: number;
}

export function checkMappings(corpus: Corpus): MappingResults {
  const files: Tally = { pass: 0, total: 0, failures: [] };
  const refused: Tally = { pass: 0, total: 0, failures: [] };
  const expressions: Tally = { pass: 0, total: 0, failures: [] };
  const refusedByJq = new Set(
    ((corpus.exists('jq-compile-failures.json') ? (corpus.value('jq-compile-failures.json') as { failures?: { file: string; expr: string }[] }).failures : []) ?? []).map((f) => `${f.file}\0${f.expr}`),
  );
  let excluded = 0;
  for (const entry of corpus.entries.filter((e) => e.kind === 'mapping')) {
    let value: unknown;
    try {
      value = corpus.value(entry.file);
    } catch (err) {
      files.total++;
      files.failures.push({ file: entry.file, problems: [`does not parse: ${(err as Error).message}`] });
      continue;
    }
    const resources = portResources(value);
    const invalid = resources.filter((r) => !oceanAccepts(r.config));
    if (invalid.length > 0) {
      refused.total++;
      const unlocated = invalid.flatMap((r) => {
        try {
          compileMapping(r.config, 'conformance', r.pointer);
          return [`${r.pointer}: compiles, but Ocean's configuration model refuses it`];
        } catch (err) {
          const pointer = (err as { location?: { pointer?: string } }).location?.pointer;
          return pointer?.startsWith(r.pointer) ? [] : [`${r.pointer}: refused without the entry's pointer: ${(err as Error).message}`];
        }
      });
      if (unlocated.length) refused.failures.push({ file: entry.file, problems: unlocated });
      else refused.pass++;
    }
    files.total++;
    const problems: string[] = [];
    if (resources.length === 0) problems.push('no resources[]');
    for (const resource of resources) {
      if (invalid.includes(resource)) continue;
      const all = expressionsOf(resource).filter((x) => !(typeof x.source === 'string' && x.source.startsWith('file://')));
      const known = all.filter((x) => !refusedByJq.has(`${entry.file}\0${String(x.source)}`));
      excluded += all.length - known.length;
      for (const { pointer, source } of known) {
        expressions.total++;
        try {
          if (typeof source !== 'string') throw new Error(`not an expression but ${JSON.stringify(source)}`);
          compileMappingExpression(source);
          expressions.pass++;
        } catch (err) {
          expressions.failures.push({ file: `${entry.file}#${pointer}`, problems: [`${JSON.stringify(source)}: ${(err as Error).message}`] });
        }
      }
      if (known.length < all.length) continue;
      try {
        compileMapping(resource.config, 'conformance', resource.pointer);
      } catch (err) {
        problems.push(`${resource.pointer}: ${(err as Error).message}`);
      }
    }
    if (invalid.length > 0) files.total--;
    else if (problems.length) files.failures.push({ file: entry.file, problems });
    else files.pass++;
  }
  return { files, refused, expressions, excluded };
}

/** What Ocean's configuration model (pydantic) takes: a string `selector.query`, mappings with string `identifier` and `blueprint`. */
function oceanAccepts(config: PortResource['config']): boolean {
  const query = (config.selector as { query?: unknown } | undefined)?.query;
  if (query !== undefined && typeof query !== 'string') return false;
  const mappings = config.port?.entity?.mappings as unknown;
  return [mappings].flat().every((m) => !!m && typeof m === 'object' && typeof (m as { identifier?: unknown }).identifier === 'string' && typeof (m as { blueprint?: unknown }).blueprint === 'string');
}
