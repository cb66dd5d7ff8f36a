/**
 * Every `port-app-config` file in the corpus's mappings/ through Lattice's mapping engine
 * (`compileMapping`, src/data/mapping.ts): a file passes when every resource compiles. Also counted
 * one expression at a time (`compileMappingExpression`, jq as Port's Ocean integrations run it), leaving out
 * the expressions stock jq itself refuses (jq-compile-failures.json). A `file://path` value is not
 * an expression (GitHub reads the file) and is not counted.
 */
import { compileMapping } from '../../src/data/mapping.ts';
import { compileMappingExpression } from '../../src/data/mappingExpression.ts';
import type { Corpus } from './corpus.ts';
import type { Tally } from './blueprints.ts';
import { expressionsOf, portResources } from './portAppConfig.ts';

export interface MappingResults {
  readonly files: Tally;
  readonly expressions: Tally;
  /** Expressions left out because stock jq does not compile them either. */
  readonly excluded: number;
}

export function checkMappings(corpus: Corpus): MappingResults {
  const files: Tally = { pass: 0, total: 0, failures: [] };
  const expressions: Tally = { pass: 0, total: 0, failures: [] };
  const refusedByJq = new Set(
    ((corpus.exists('jq-compile-failures.json') ? (corpus.value('jq-compile-failures.json') as { failures?: { file: string; expr: string }[] }).failures : []) ?? []).map((f) => `${f.file}\0${f.expr}`),
  );
  let excluded = 0;
  for (const entry of corpus.entries.filter((e) => e.kind === 'mapping')) {
    files.total++;
    let value: unknown;
    try {
      value = corpus.value(entry.file);
    } catch (err) {
      files.failures.push({ file: entry.file, problems: [`does not parse: ${(err as Error).message}`] });
      continue;
    }
    const problems: string[] = [];
    const resources = portResources(value);
    if (resources.length === 0) problems.push('no resources[]');
    for (const resource of resources) {
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
    if (problems.length) files.failures.push({ file: entry.file, problems });
    else files.pass++;
  }
  return { files, expressions, excluded };
}
