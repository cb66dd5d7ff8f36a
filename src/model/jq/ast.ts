/**
 * The jq abstract syntax tree: one node type per construct, each with `pos` (offset in the program)
 * so compile errors and `$__loc__` can say where.
 */
export type Pattern =
  | { readonly type: 'var'; readonly name: string }
  | { readonly type: 'array'; readonly items: readonly Pattern[] }
  | { readonly type: 'object'; readonly entries: ReadonlyArray<{ readonly key: Node; readonly keyVar?: string; readonly value?: Pattern }> };

export interface FuncDef {
  readonly name: string;
  readonly params: readonly string[];
  readonly body: Node;
}

export type Node = { readonly pos: number } & (
  | { readonly type: 'identity' }
  | { readonly type: 'recurseAll' }
  | { readonly type: 'literal'; readonly value: unknown }
  | { readonly type: 'string'; readonly parts: ReadonlyArray<string | Node>; readonly format?: string }
  | { readonly type: 'format'; readonly name: string }
  | { readonly type: 'index'; readonly target: Node; readonly key: Node }
  | { readonly type: 'slice'; readonly target: Node; readonly from?: Node; readonly to?: Node }
  | { readonly type: 'iterate'; readonly target: Node }
  | { readonly type: 'optional'; readonly body: Node }
  | { readonly type: 'pipe'; readonly left: Node; readonly right: Node }
  | { readonly type: 'comma'; readonly left: Node; readonly right: Node }
  | { readonly type: 'neg'; readonly body: Node }
  | { readonly type: 'binary'; readonly op: string; readonly left: Node; readonly right: Node }
  | { readonly type: 'and' | 'or' | 'alt'; readonly left: Node; readonly right: Node }
  | { readonly type: 'assign'; readonly op: string; readonly left: Node; readonly right: Node }
  | { readonly type: 'array'; readonly body?: Node }
  | { readonly type: 'object'; readonly entries: ReadonlyArray<{ readonly key: Node; readonly value?: Node }> }
  | { readonly type: 'if'; readonly cond: Node; readonly then: Node; readonly else?: Node }
  | { readonly type: 'try'; readonly body: Node; readonly catch?: Node }
  | { readonly type: 'reduce'; readonly source: Node; readonly pattern: Pattern; readonly init: Node; readonly update: Node }
  | { readonly type: 'foreach'; readonly source: Node; readonly pattern: Pattern; readonly init: Node; readonly update: Node; readonly extract?: Node }
  | { readonly type: 'bind'; readonly source: Node; readonly patterns: readonly Pattern[]; readonly body: Node }
  | { readonly type: 'var'; readonly name: string }
  | { readonly type: 'loc'; readonly line: number }
  | { readonly type: 'label'; readonly name: string; readonly body: Node }
  | { readonly type: 'break'; readonly name: string }
  | { readonly type: 'def'; readonly def: FuncDef; readonly rest: Node }
  | { readonly type: 'call'; readonly name: string; readonly args: readonly Node[] }
);
