/**
 * parseDocument: JSON or YAML text → a value plus a way to find where any part of it was written.
 *
 * JSON is parsed strictly (no comments, no trailing commas) with jsonc-parser, which reports the
 * offset of the first bad token; YAML with `yaml`, which reports line and column. Either way a
 * syntax error becomes a LatticeError naming the file, line and column. `locate(pointer)` turns a
 * JSON pointer (as ajv reports them) into a line/column, so validation errors point into the file.
 */
import { parseTree, findNodeAtLocation, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LineCounter, parseDocument as parseYamlDocument, isMap, isSeq, type Node as YamlNode } from 'yaml';
import { ErrorCodes, LatticeError, type ErrorLocation } from '../../errors/index.ts';

export interface ParsedDocument {
  readonly file: string;
  readonly value: unknown;
  /** The location of the value at `pointer` (or of its nearest existing parent). */
  locate(pointer: string): ErrorLocation;
}

export function isYamlFile(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

export function parseDocument(file: string, text: string): ParsedDocument {
  return isYamlFile(file) ? parseYaml(file, text) : parseJson(file, text);
}

/** Splits a JSON pointer ("/a/b~1c") into its unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Builds a JSON pointer from segments. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function parseJson(file: string, text: string): ParsedDocument {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first || !root) {
    const offset = first?.offset ?? 0;
    const { line, column } = lineColumn(text, offset);
    const char = String.fromCodePoint(text.codePointAt(offset) ?? 32);
    const found = offset >= text.length ? 'the end of the file' : `${JSON.stringify(char)} (U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`;
    const what = first ? describeJsonError(printParseErrorCode(first.error)) : 'the file is empty';
    throw new LatticeError(ErrorCodes.SYNTAX_ERROR, `invalid JSON: ${what}, found ${found}`, {
      location: { file, line, column },
    });
  }
  const value = nodeValue(root);
  return {
    file,
    value,
    locate(pointer) {
      const segments = pointerSegments(pointer).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      for (let n = segments.length; n >= 0; n--) {
        const node = findNodeAtLocation(root, segments.slice(0, n));
        if (node) {
          // For an object property, point at its key rather than its value.
          const at = node.parent?.type === 'property' ? node.parent.offset : node.offset;
          return { file, pointer, ...lineColumn(text, at) };
        }
      }
      return { file, pointer };
    },
  };
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k && v) out[k.value as string] = nodeValue(v);
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

function describeJsonError(code: string): string {
  const map: Record<string, string> = {
    InvalidSymbol: 'unexpected character (JSON strings and keys use straight double quotes ")',
    ValueExpected: 'a value was expected',
    PropertyNameExpected: 'a property name in double quotes was expected',
    ColonExpected: 'a colon was expected',
    CommaExpected: 'a comma was expected',
    CloseBraceExpected: 'a closing brace } was expected',
    CloseBracketExpected: 'a closing bracket ] was expected',
    EndOfFileExpected: 'the end of the file was expected',
    UnexpectedEndOfString: 'a string is not closed',
    InvalidCommentToken: 'comments are not allowed in JSON',
  };
  return map[code] ?? code;
}

function parseYaml(file: string, text: string): ParsedDocument {
  const lineCounter = new LineCounter();
  const doc = parseYamlDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    throw new LatticeError(ErrorCodes.SYNTAX_ERROR, `invalid YAML: ${first.message.split('\n')[0]}`, {
      location: { file, line: pos.line, column: pos.col },
    });
  }
  return {
    file,
    value: doc.toJS({ maxAliasCount: 100 }) ?? null,
    locate(pointer) {
      const segments = pointerSegments(pointer);
      for (let n = segments.length; n >= 0; n--) {
        const node = yamlNodeAt(doc.contents as YamlNode | null, segments.slice(0, n));
        if (node?.range) {
          const pos = lineCounter.linePos(node.range[0]);
          return { file, pointer, line: pos.line, column: pos.col };
        }
      }
      return { file, pointer };
    },
  };
}

function yamlNodeAt(node: YamlNode | null, segments: string[]): YamlNode | null {
  let current: unknown = node;
  for (const seg of segments) {
    if (isMap(current)) {
      const pair = current.items.find((p) => String((p.key as { value?: unknown })?.value ?? p.key) === seg);
      current = pair?.value ?? null;
    } else if (isSeq(current)) {
      current = current.items[Number(seg)] ?? null;
    } else {
      return null;
    }
  }
  return (current as YamlNode) ?? null;
}
