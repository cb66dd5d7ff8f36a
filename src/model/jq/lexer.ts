/**
 * The jq lexer: program text → tokens with their offset. A string literal becomes one token whose
 * `parts` alternate literal text and the tokens of each `\(…)` interpolation, lexed recursively.
 */
import { JqSyntaxError } from './errors.ts';

export type TokenKind = 'num' | 'str' | 'ident' | 'field' | 'var' | 'format' | 'kw' | 'op' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  readonly value: string;
  readonly pos: number;
  readonly num?: number;
  /** For `str`: literal text and interpolated token lists, in order. */
  readonly parts?: ReadonlyArray<string | Token[]>;
}

const KEYWORDS = new Set(['def', 'if', 'then', 'elif', 'else', 'end', 'as', 'reduce', 'foreach', 'try', 'catch', 'label', 'import', 'include', 'and', 'or', '__loc__']);
const OPS = ['?//=', '?//', '|=', '+=', '-=', '*=', '/=', '%=', '//=', '==', '!=', '<=', '>=', '//', '..', '|', ',', '+', '-', '*', '/', '%', '=', '<', '>', '.', '[', ']', '(', ')', '{', '}', ':', ';', '?'];
const IDENT = /[a-zA-Z_][a-zA-Z0-9_]*(?:::[a-zA-Z_][a-zA-Z0-9_]*)*/y;
const NUMBER = /(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;

/** Line and column (1-based) of an offset. */
export function lineColumn(source: string, pos: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < pos && i < source.length; i++) if (source[i] === '\n') { line++; start = i + 1; }
  return { line, column: pos - start + 1 };
}

/** Tokenizes the whole program (or, from `start`, up to the `)` closing an interpolation). */
export function tokenize(source: string, start = 0, untilParen = false): { tokens: Token[]; end: number } {
  const tokens: Token[] = [];
  let i = start;
  let depth = 0;
  const fail = (msg: string, at: number): never => { throw new JqSyntaxError(msg, { ...lineColumn(source, at), source }); };
  while (i < source.length) {
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\uFEFF') { i++; continue; }
    if (c === '#') { while (i < source.length && source[i] !== '\n') i++; continue; }
    if (c === '"') { const s = readString(source, i, fail); tokens.push(s.token); i = s.end; continue; }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(source)!;
      tokens.push({ kind: 'num', value: m[0], pos: i, num: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    if (c === '.' && /[a-zA-Z_]/.test(source[i + 1] ?? '')) {
      IDENT.lastIndex = i + 1;
      const m = /[a-zA-Z_][a-zA-Z0-9_]*/y;
      m.lastIndex = i + 1;
      const name = m.exec(source)![0];
      tokens.push({ kind: 'field', value: name, pos: i });
      i += 1 + name.length;
      continue;
    }
    if (c === '$' || c === '@') {
      IDENT.lastIndex = i + 1;
      const m = IDENT.exec(source);
      if (!m) fail(`expected a name after '${c}'`, i);
      tokens.push({ kind: c === '$' ? 'var' : 'format', value: m![0], pos: i });
      i += 1 + m![0].length;
      continue;
    }
    if (/[a-zA-Z_]/.test(c)) {
      IDENT.lastIndex = i;
      const name = IDENT.exec(source)![0];
      tokens.push({ kind: KEYWORDS.has(name) ? 'kw' : 'ident', value: name, pos: i });
      i += name.length;
      continue;
    }
    const op = OPS.find((o) => source.startsWith(o, i));
    if (!op) fail(`unexpected character '${c}'`, i);
    if (untilParen) {
      if (op === '(') depth++;
      if (op === ')') { if (depth === 0) return { tokens: [...tokens, { kind: 'eof', value: '', pos: i }], end: i + 1 }; depth--; }
    }
    tokens.push({ kind: 'op', value: op!, pos: i });
    i += op!.length;
  }
  if (untilParen) fail('unterminated string interpolation: expected \')\'', i);
  tokens.push({ kind: 'eof', value: '', pos: i });
  return { tokens, end: i };
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };

function readString(source: string, start: number, fail: (msg: string, at: number) => never): { token: Token; end: number } {
  const parts: Array<string | Token[]> = [];
  let text = '';
  let i = start + 1;
  while (true) {
    if (i >= source.length) fail('unterminated string: expected \'"\'', start);
    const c = source[i];
    if (c === '"') { i++; break; }
    if (c !== '\\') { text += c; i++; continue; }
    const e = source[i + 1];
    if (e === '(') {
      parts.push(text);
      text = '';
      const inner = tokenize(source, i + 2, true);
      parts.push(inner.tokens);
      i = inner.end;
      continue;
    }
    if (e === 'u') {
      const hex = source.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('invalid \\u escape: expected four hex digits', i);
      text += String.fromCharCode(parseInt(hex, 16));
      i += 6;
      continue;
    }
    if (e === undefined || !(e in ESCAPES)) fail(`invalid escape '\\${e ?? ''}' in string`, i);
    text += ESCAPES[e];
    i += 2;
  }
  parts.push(text);
  return { token: { kind: 'str', value: parts.length === 1 ? text : '', pos: start, parts }, end: i };
}
