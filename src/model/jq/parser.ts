/**
 * The jq parser: tokens → AST (ast.ts), recursive descent with jq's precedence
 * (`|` < `,` < `//` < assignments < `or` < `and` < comparisons < `+ -` < `* / %` < postfix).
 * A syntax error names the line, the column and what was expected.
 */
import type { FuncDef, Node, Pattern } from './ast.ts';
import { JqSyntaxError } from './errors.ts';
import { lineColumn, tokenize, type Token } from './lexer.ts';

const LEVELS: ReadonlyArray<{ ops: readonly string[]; assoc: 'left' | 'right' | 'none' }> = [
  { ops: ['//'], assoc: 'right' },
  { ops: ['=', '|=', '+=', '-=', '*=', '/=', '%=', '//='], assoc: 'none' },
  { ops: ['or'], assoc: 'left' },
  { ops: ['and'], assoc: 'left' },
  { ops: ['==', '!=', '<', '<=', '>', '>='], assoc: 'none' },
  { ops: ['+', '-'], assoc: 'left' },
  { ops: ['*', '/', '%'], assoc: 'left' },
];

/** Parses a whole jq program. */
export function parseJq(source: string): Node {
  const p = new Parser(source, tokenize(source).tokens);
  const node = p.parsePipe();
  p.expectEnd();
  return node;
}

class Parser {
  private i = 0;
  private readonly source: string;
  private readonly tokens: Token[];
  constructor(source: string, tokens: Token[]) {
    this.source = source;
    this.tokens = tokens;
  }

  private get tok(): Token { return this.tokens[this.i]; }
  private is(value: string): boolean { const t = this.tok; return (t.kind === 'op' || t.kind === 'kw') && t.value === value; }
  private fail(expected: string, t: Token = this.tok): never {
    const found = t.kind === 'eof' ? 'end of program' : `'${t.kind === 'str' ? '"…"' : t.value}'`;
    throw new JqSyntaxError(`expected ${expected}, found ${found}`, { ...lineColumn(this.source, t.pos), source: this.source });
  }
  private eat(value: string, expected = `'${value}'`): Token {
    if (!this.is(value)) this.fail(expected);
    return this.tokens[this.i++];
  }
  expectEnd(): void { if (this.tok.kind !== 'eof') this.fail('end of program or an operator'); }

  parsePipe(): Node {
    const t = this.tok;
    if (this.is('def')) { const def = this.parseDef(); return { type: 'def', def, rest: this.parsePipe(), pos: t.pos }; }
    if (this.is('label')) {
      this.i++;
      const v = this.tok;
      if (v.kind !== 'var') this.fail('a $name after label');
      this.i++;
      this.eat('|');
      return { type: 'label', name: v.value, body: this.parsePipe(), pos: t.pos };
    }
    const left = this.parseComma();
    if (this.is('|')) { this.i++; return { type: 'pipe', left, right: this.parsePipe(), pos: t.pos }; }
    return left;
  }

  private parseComma(): Node {
    let left = this.parseBinary(0);
    while (this.is(',')) { const pos = this.tok.pos; this.i++; left = { type: 'comma', left, right: this.parseBinary(0), pos }; }
    return left;
  }

  private parseBinary(level: number): Node {
    if (level >= LEVELS.length) return this.parseUnary();
    const { ops, assoc } = LEVELS[level];
    let left = this.parseBinary(level + 1);
    while ((this.tok.kind === 'op' || this.tok.kind === 'kw') && ops.includes(this.tok.value)) {
      const op = this.tok.value;
      const pos = this.tok.pos;
      this.i++;
      const right = assoc === 'right' ? this.parseBinary(level) : this.parseBinary(level + 1);
      left = makeBinary(op, left, right, pos);
      if (assoc === 'none' && (this.tok.kind === 'op' || this.tok.kind === 'kw') && ops.includes(this.tok.value)) this.fail('an operand (this operator does not chain)');
      if (assoc === 'right') break;
    }
    return left;
  }

  private parseUnary(): Node {
    if (this.is('-')) { const pos = this.tok.pos; this.i++; return { type: 'neg', body: this.parseUnary(), pos }; }
    return this.parsePostfix();
  }

  private parsePostfix(): Node {
    let node = this.parsePrimary();
    for (;;) {
      const t = this.tok;
      if (t.kind === 'field') { this.i++; node = { type: 'index', target: node, key: { type: 'literal', value: t.value, pos: t.pos }, pos: t.pos }; continue; }
      if (this.is('.') && this.tokens[this.i + 1].kind === 'str') { this.i++; node = { type: 'index', target: node, key: this.parseString(), pos: t.pos }; continue; }
      if (this.is('.') && this.tokens[this.i + 1].kind === 'op' && this.tokens[this.i + 1].value === '[') { this.i++; continue; }
      if (this.is('[')) { node = this.parseBracket(node); continue; }
      if (this.is('?')) { this.i++; node = { type: 'optional', body: node, pos: t.pos }; continue; }
      if (this.is('as')) {
        this.i++;
        const patterns = [this.parsePattern()];
        while (this.is('?//')) { this.i++; patterns.push(this.parsePattern()); }
        this.eat('|', "'|' after the pattern of 'as'");
        return { type: 'bind', source: node, patterns, body: this.parsePipe(), pos: t.pos };
      }
      return node;
    }
  }

  private parseBracket(target: Node): Node {
    const pos = this.eat('[').pos;
    if (this.is(']')) { this.i++; return { type: 'iterate', target, pos }; }
    if (this.is(':')) { this.i++; const to = this.parsePipe(); this.eat(']'); return { type: 'slice', target, to, pos }; }
    const key = this.parsePipe();
    if (this.is(':')) {
      this.i++;
      if (this.is(']')) { this.i++; return { type: 'slice', target, from: key, pos }; }
      const to = this.parsePipe();
      this.eat(']');
      return { type: 'slice', target, from: key, to, pos };
    }
    this.eat(']', "']' or ':'");
    return { type: 'index', target, key, pos };
  }

  private parsePrimary(): Node {
    const t = this.tok;
    const pos = t.pos;
    switch (t.kind) {
      case 'num': this.i++; return { type: 'literal', value: t.num, pos };
      case 'str': return this.parseString();
      case 'field': this.i++; return { type: 'index', target: { type: 'identity', pos }, key: { type: 'literal', value: t.value, pos }, pos };
      case 'var':
        this.i++;
        if (t.value === '__loc__') return { type: 'loc', line: lineColumn(this.source, pos).line, pos };
        return { type: 'var', name: t.value, pos };
      case 'format':
        this.i++;
        if (this.tok.kind === 'str') return this.parseString(t.value);
        return { type: 'format', name: t.value, pos };
      case 'ident': {
        this.i++;
        if ((t.value === 'true' || t.value === 'false' || t.value === 'null') && !this.is('(')) return { type: 'literal', value: t.value === 'null' ? null : t.value === 'true', pos };
        if (t.value === 'break') {
          const v = this.tok;
          if (v.kind !== 'var') this.fail('a $label after break');
          this.i++;
          return { type: 'break', name: v.value, pos };
        }
        const args: Node[] = [];
        if (this.is('(')) {
          this.i++;
          args.push(this.parsePipe());
          while (this.is(';')) { this.i++; args.push(this.parsePipe()); }
          this.eat(')', "';' or ')'");
        }
        return { type: 'call', name: t.value, args, pos };
      }
      case 'kw': return this.parseKeyword(t);
      case 'op': break;
      default: this.fail('a term');
    }
    switch (t.value) {
      case '.':
        this.i++;
        if (this.tok.kind === 'str') return { type: 'index', target: { type: 'identity', pos }, key: this.parseString(), pos };
        if (this.is('[')) return this.parseBracket({ type: 'identity', pos });
        return { type: 'identity', pos };
      case '..': this.i++; return { type: 'recurseAll', pos };
      case '(': { this.i++; const body = this.parsePipe(); this.eat(')'); return body; }
      case '[': {
        this.i++;
        if (this.is(']')) { this.i++; return { type: 'array', pos }; }
        const body = this.parsePipe();
        this.eat(']');
        return { type: 'array', body, pos };
      }
      case '{': return this.parseObject();
      default: return this.fail('a term');
    }
  }

  private parseKeyword(t: Token): Node {
    const pos = t.pos;
    switch (t.value) {
      case 'if': {
        this.i++;
        const cond = this.parsePipe();
        this.eat('then');
        const then = this.parsePipe();
        if (this.is('elif')) { const elif = this.parseKeyword({ ...this.tok, value: 'if' }); return { type: 'if', cond, then, else: elif, pos }; }
        let otherwise: Node | undefined;
        if (this.is('else')) { this.i++; otherwise = this.parsePipe(); }
        this.eat('end', "'elif', 'else' or 'end'");
        return { type: 'if', cond, then, else: otherwise, pos };
      }
      case 'try': {
        this.i++;
        const body = this.parsePostTerm();
        if (this.is('catch')) { this.i++; return { type: 'try', body, catch: this.parsePostTerm(), pos }; }
        return { type: 'try', body, pos };
      }
      case 'reduce':
      case 'foreach': {
        this.i++;
        const source = this.parsePostTermNoAs();
        this.eat('as', "'as' after the source of " + t.value);
        const pattern = this.parsePattern();
        this.eat('(');
        const init = this.parsePipe();
        this.eat(';');
        const update = this.parsePipe();
        let extract: Node | undefined;
        if (t.value === 'foreach' && this.is(';')) { this.i++; extract = this.parsePipe(); }
        this.eat(')', t.value === 'foreach' ? "';' or ')'" : "')'");
        return t.value === 'reduce' ? { type: 'reduce', source, pattern, init, update, pos } : { type: 'foreach', source, pattern, init, update, extract, pos };
      }
      case 'def': { const def = this.parseDef(); return { type: 'def', def, rest: this.parsePipe(), pos }; }
      case 'label': return this.parsePipe();
      default: return this.fail('a term', t);
    }
  }

  /** `try` and `catch` bind to a postfix term (`try error("x") catch . | length` pipes the catch). */
  private parsePostTerm(): Node {
    if (this.is('-')) { const pos = this.tok.pos; this.i++; return { type: 'neg', body: this.parsePostTerm(), pos }; }
    return this.parsePostfix();
  }

  private parsePostTermNoAs(): Node {
    let node = this.parsePrimary();
    for (;;) {
      const t = this.tok;
      if (t.kind === 'field') { this.i++; node = { type: 'index', target: node, key: { type: 'literal', value: t.value, pos: t.pos }, pos: t.pos }; continue; }
      if (this.is('.') && this.tokens[this.i + 1].kind === 'str') { this.i++; node = { type: 'index', target: node, key: this.parseString(), pos: t.pos }; continue; }
      if (this.is('.') && this.tokens[this.i + 1].value === '[') { this.i++; continue; }
      if (this.is('[')) { node = this.parseBracket(node); continue; }
      if (this.is('?')) { this.i++; node = { type: 'optional', body: node, pos: t.pos }; continue; }
      return node;
    }
  }

  private parseDef(): FuncDef {
    this.eat('def');
    const name = this.tok;
    if (name.kind !== 'ident' && name.kind !== 'kw') this.fail('a function name after def');
    this.i++;
    const params: string[] = [];
    if (this.is('(')) {
      this.i++;
      for (;;) {
        const p = this.tok;
        if (p.kind === 'var') params.push('$' + p.value);
        else if (p.kind === 'ident' || p.kind === 'kw') params.push(p.value);
        else this.fail('a parameter name');
        this.i++;
        if (this.is(';')) { this.i++; continue; }
        this.eat(')', "';' or ')'");
        break;
      }
    }
    this.eat(':', "':' after the function name");
    const body = this.parsePipe();
    this.eat(';', "';' after the function body");
    return { name: name.value, params, body };
  }

  private parseString(format?: string): Node {
    const t = this.tok;
    if (t.kind !== 'str') this.fail('a string');
    this.i++;
    const parts = t.parts!.map((part) => {
      if (typeof part === 'string') return part;
      const inner = new Parser(this.source, part);
      const node = inner.parsePipe();
      inner.expectEnd();
      return node;
    });
    if (parts.length === 1 && format === undefined) return { type: 'literal', value: parts[0], pos: t.pos };
    return { type: 'string', parts, format, pos: t.pos };
  }

  private parseObject(): Node {
    const pos = this.eat('{').pos;
    const entries: Array<{ key: Node; value?: Node }> = [];
    while (!this.is('}')) {
      const t = this.tok;
      let key: Node;
      if (t.kind === 'var') {
        this.i++;
        if (this.is(':') && t.value !== '__loc__') { // `{$k: v}`: the variable's value is the key (jq 1.7)
          this.i++;
          entries.push({ key: { type: 'var', name: t.value, pos: t.pos }, value: this.parseObjectValue() });
          if (!this.is('}')) this.eat(',', "',' or '}'");
          continue;
        }
        if (t.value === '__loc__') { entries.push({ key: { type: 'literal', value: '__loc__', pos: t.pos }, value: { type: 'loc', line: lineColumn(this.source, t.pos).line, pos: t.pos } }); }
        else entries.push({ key: { type: 'literal', value: t.value, pos: t.pos }, value: { type: 'var', name: t.value, pos: t.pos } });
        if (!this.is('}')) this.eat(',', "',' or '}'");
        continue;
      }
      if (t.kind === 'ident' || t.kind === 'kw') { this.i++; key = { type: 'literal', value: t.value, pos: t.pos }; }
      else if (t.kind === 'num') { this.i++; key = { type: 'literal', value: t.num, pos: t.pos }; }
      else if (t.kind === 'str') key = this.parseString();
      else if (t.kind === 'format') { this.i++; key = this.tok.kind === 'str' ? this.parseString(t.value) : { type: 'format', name: t.value, pos: t.pos }; }
      else if (this.is('(')) { this.i++; key = this.parsePipe(); this.eat(')'); }
      else this.fail('an object key');
      if (this.is(':')) { this.i++; entries.push({ key, value: this.parseObjectValue() }); }
      else entries.push({ key });
      if (!this.is('}')) this.eat(',', "',' or '}'");
    }
    this.i++;
    return { type: 'object', entries, pos };
  }

  /** An object value is an expression or a pipe of them (`{a: .b + 1 | tostring}`), never a bare `,`. */
  private parseObjectValue(): Node {
    let left = this.parseBinary(0);
    while (this.is('|')) { const pos = this.tok.pos; this.i++; left = { type: 'pipe', left, right: this.parseBinary(0), pos }; }
    return left;
  }

  private parsePattern(): Pattern {
    const t = this.tok;
    if (t.kind === 'var') { this.i++; return { type: 'var', name: t.value }; }
    if (this.is('[')) {
      this.i++;
      const items: Pattern[] = [this.parsePattern()];
      while (this.is(',')) { this.i++; items.push(this.parsePattern()); }
      this.eat(']', "',' or ']'");
      return { type: 'array', items };
    }
    if (this.is('{')) {
      this.i++;
      const entries: Array<{ key: Node; keyVar?: string; value?: Pattern }> = [];
      for (;;) {
        const k = this.tok;
        if (k.kind === 'var') {
          this.i++;
          const key: Node = { type: 'literal', value: k.value, pos: k.pos };
          if (this.is(':')) { this.i++; entries.push({ key, keyVar: k.value, value: this.parsePattern() }); }
          else entries.push({ key, keyVar: k.value });
        } else {
          let key: Node;
          if (k.kind === 'ident' || k.kind === 'kw') { this.i++; key = { type: 'literal', value: k.value, pos: k.pos }; }
          else if (k.kind === 'str') key = this.parseString();
          else if (this.is('(')) { this.i++; key = this.parsePipe(); this.eat(')'); }
          else this.fail('an object pattern key');
          this.eat(':', "':' in an object pattern");
          entries.push({ key, value: this.parsePattern() });
        }
        if (this.is(',')) { this.i++; continue; }
        this.eat('}', "',' or '}'");
        break;
      }
      return { type: 'object', entries };
    }
    return this.fail('a pattern ($name, [...] or {...})');
  }
}

function makeBinary(op: string, left: Node, right: Node, pos: number): Node {
  if (op === '//') return { type: 'alt', left, right, pos };
  if (op === 'and' || op === 'or') return { type: op, left, right, pos };
  if (op.endsWith('=') && !['==', '!=', '<=', '>='].includes(op)) return { type: 'assign', op, left, right, pos };
  return { type: 'binary', op, left, right, pos };
}
