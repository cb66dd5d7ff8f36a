/**
 * The "Port subset" of jq, measured rather than guessed: the features (syntax constructs, operators,
 * formats and builtins by name/arity) that the expressions of the Port corpus use, read from
 * ../shared/port-corpus (source mappings: `selector.query`, `itemsToParse`, `entity.mappings`; and
 * blueprints' calculation properties). A case of jq's test suite belongs to the subset when every
 * feature its program uses is one the corpus uses. Used by scripts/conformance.ts only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { resourceExpressions } from '../src/config/expressions.ts';
import { portDialect } from '../src/model/expressions.ts';
import type { Node, Pattern } from '../src/model/jq/ast.ts';
import { parseJq } from '../src/model/jq/parser.ts';

/** One expression of the corpus: the file (relative to the corpus), where in it, and the jq text. */
export interface CorpusExpression { readonly file: string; readonly context: 'mapping' | 'calculation'; readonly pointer: string; readonly source: string }

/** Every mapping and calculation expression of the corpus, in file order. */
export function corpusExpressions(corpus: string): CorpusExpression[] {
  const out: CorpusExpression[] = [];
  for (const name of readdirSync(join(corpus, 'mappings')).sort()) {
    const file = `mappings/${name}`;
    const doc = parse(readFileSync(join(corpus, file), 'utf8')) as { resources?: unknown } | null;
    for (const e of resourceExpressions(doc?.resources, '/resources')) out.push({ file, context: 'mapping', ...e });
  }
  for (const dir of ['blueprints', 'blueprints-yaml']) {
    for (const name of readdirSync(join(corpus, dir)).sort()) {
      const file = `${dir}/${name}`;
      let doc: { calculationProperties?: Record<string, { calculation?: unknown }> } | null;
      try { doc = parse(readFileSync(join(corpus, file), 'utf8')) as typeof doc; } catch { continue; }
      for (const [key, calc] of Object.entries(doc?.calculationProperties ?? {})) {
        if (typeof calc?.calculation === 'string') out.push({ file, context: 'calculation', pointer: `/calculationProperties/${key}/calculation`, source: calc.calculation });
      }
    }
  }
  return out;
}

/** The features a program uses (`call:split/1`, `binary:+`, `try`…), or undefined when it does not parse. */
export function jqFeatures(program: string): Set<string> | undefined {
  let ast: Node;
  try { ast = parseJq(portDialect(program)); } catch { return undefined; }
  const features = new Set<string>();
  const defined = new Set<string>();
  const pattern = (p: Pattern): void => {
    if (p.type !== 'var') features.add('destructure');
    if (p.type === 'array') p.items.forEach(pattern);
    if (p.type === 'object') for (const e of p.entries) { walk(e.key); if (e.value) pattern(e.value); }
  };
  const walk = (node: Node): void => {
    switch (node.type) {
      case 'binary': case 'assign': features.add(`${node.type}:${node.op}`); break;
      case 'format': features.add(`format:${node.name}`); break;
      case 'string': features.add(node.format ? `format:${node.format}` : 'interpolation'); break;
      case 'var': features.add(node.name === 'ENV' ? 'var:$ENV' : 'var'); break;
      case 'call': if (!defined.has(`${node.name}/${node.args.length}`)) features.add(`call:${node.name}/${node.args.length}`); break;
      case 'def': defined.add(`${node.def.name}/${node.def.params.length}`); features.add('def'); break;
      case 'bind': features.add(node.patterns.length > 1 ? 'destructure-alternatives' : 'as'); node.patterns.forEach(pattern); break;
      case 'reduce': case 'foreach': pattern(node.pattern); features.add(node.type); break;
      default: features.add(node.type);
    }
    for (const child of children(node)) walk(child);
  };
  walk(ast);
  return features;
}

function children(node: Node): Node[] {
  switch (node.type) {
    case 'index': return [node.target, node.key];
    case 'slice': return [node.target, ...(node.from ? [node.from] : []), ...(node.to ? [node.to] : [])];
    case 'iterate': return [node.target];
    case 'optional': case 'neg': return [node.body];
    case 'pipe': case 'comma': case 'binary': case 'and': case 'or': case 'alt': case 'assign': return [node.left, node.right];
    case 'array': return node.body ? [node.body] : [];
    case 'object': return node.entries.flatMap((e) => [e.key, ...(e.value ? [e.value] : [])]);
    case 'string': return node.parts.filter((p): p is Node => typeof p !== 'string');
    case 'if': return [node.cond, node.then, ...(node.else ? [node.else] : [])];
    case 'try': return [node.body, ...(node.catch ? [node.catch] : [])];
    case 'reduce': return [node.source, node.init, node.update];
    case 'foreach': return [node.source, node.init, node.update, ...(node.extract ? [node.extract] : [])];
    case 'bind': return [node.source, node.body];
    case 'label': return [node.body];
    case 'def': return [node.def.body, node.rest];
    case 'call': return [...node.args];
    default: return [];
  }
}
