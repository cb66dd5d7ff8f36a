/**
 * The compile-time name check jq does: every function call (`name/arity`), `$variable` and
 * `break $label` must be defined where it is used, or the program is refused before it runs
 * (`foo/1 is not defined at line 1, column 7`), as stock jq refuses it. The compiler itself resolves
 * names at run time; this pass only makes a misspelt name a load error instead of a failure on
 * every evaluation.
 */
import type { FuncDef, Node, Pattern } from './ast.ts';
import { JqSyntaxError } from './errors.ts';
import { lineColumn } from './lexer.ts';

/** A scope: a linked list of defined names (`f/1`, `$x`, `*label*out`). */
interface Scope { readonly name: string; readonly next: Scope | null }

const add = (scope: Scope | null, name: string): Scope => ({ name, next: scope });

function has(scope: Scope | null, name: string): boolean {
  for (let s = scope; s; s = s.next) if (s.name === name) return true;
  return false;
}

/** Variables jq defines in every program. */
const GLOBAL_VARS = new Set(['$ENV', '$__prog_args']);

/** Throws a JqSyntaxError at the first name `ast` uses without a definition in scope; `vars` are given at run time (`$name`). */
export function checkNames(ast: Node, source: string, builtins: ReadonlySet<string>, vars: readonly string[] = []): void {
  const fail = (message: string, pos: number): never => {
    throw new JqSyntaxError(message, { ...lineColumn(source, pos), source });
  };
  const patternVars = (p: Pattern): string[] => {
    if (p.type === 'var') return ['$' + p.name];
    if (p.type === 'array') return p.items.flatMap(patternVars);
    return p.entries.flatMap((e) => [...(e.keyVar ? ['$' + e.keyVar] : []), ...(e.value ? patternVars(e.value) : [])]);
  };
  const withVars = (scope: Scope | null, patterns: readonly Pattern[]): Scope | null =>
    patterns.flatMap(patternVars).reduce<Scope | null>((s, v) => add(s, v), scope);
  const patternKeys = (p: Pattern, scope: Scope | null): void => {
    if (p.type === 'array') p.items.forEach((x) => patternKeys(x, scope));
    if (p.type === 'object') for (const e of p.entries) { walk(e.key, scope); if (e.value) patternKeys(e.value, scope); }
  };
  const defScope = (def: FuncDef, scope: Scope | null): Scope => {
    let body = add(scope, `${def.name}/${def.params.length}`);
    for (const p of def.params) body = p.startsWith('$') ? add(add(body, p), `${p.slice(1)}/0`) : add(body, `${p}/0`);
    return body;
  };

  function walk(node: Node, scope: Scope | null): void {
    switch (node.type) {
      case 'identity': case 'recurseAll': case 'literal': case 'format': case 'loc': return;
      case 'var':
        if (!GLOBAL_VARS.has('$' + node.name) && !has(scope, '$' + node.name)) fail(`$${node.name} is not defined`, node.pos);
        return;
      case 'break':
        if (!has(scope, '*label*' + node.name)) fail(`$*label-${node.name} is not defined`, node.pos);
        return;
      case 'call': {
        const key = `${node.name}/${node.args.length}`;
        if (!has(scope, key) && !builtins.has(key)) fail(`${key} is not defined`, node.pos);
        for (const a of node.args) walk(a, scope);
        return;
      }
      case 'def':
        walk(node.def.body, defScope(node.def, scope));
        walk(node.rest, add(scope, `${node.def.name}/${node.def.params.length}`));
        return;
      case 'label': walk(node.body, add(scope, '*label*' + node.name)); return;
      case 'bind': {
        walk(node.source, scope);
        const inner = withVars(scope, node.patterns);
        node.patterns.forEach((p) => patternKeys(p, inner));
        walk(node.body, inner);
        return;
      }
      case 'reduce': case 'foreach': {
        walk(node.source, scope);
        walk(node.init, scope);
        const inner = withVars(scope, [node.pattern]);
        patternKeys(node.pattern, inner);
        walk(node.update, inner);
        if (node.type === 'foreach' && node.extract) walk(node.extract, inner);
        return;
      }
      case 'string': for (const p of node.parts) if (typeof p !== 'string') walk(p, scope); return;
      case 'object': for (const e of node.entries) { walk(e.key, scope); if (e.value) walk(e.value, scope); } return;
      case 'index': walk(node.target, scope); walk(node.key, scope); return;
      case 'slice': walk(node.target, scope); if (node.from) walk(node.from, scope); if (node.to) walk(node.to, scope); return;
      case 'iterate': walk(node.target, scope); return;
      case 'optional': case 'neg': walk(node.body, scope); return;
      case 'array': if (node.body) walk(node.body, scope); return;
      case 'if': walk(node.cond, scope); walk(node.then, scope); if (node.else) walk(node.else, scope); return;
      case 'try': walk(node.body, scope); if (node.catch) walk(node.catch, scope); return;
      case 'pipe': case 'comma': case 'binary': case 'and': case 'or': case 'alt': case 'assign':
        walk(node.left, scope); walk(node.right, scope); return;
    }
  }
  walk(ast, vars.reduce<Scope | null>((s, v) => add(s, v), null));
}
