/**
 * Templates: the strings of an invocation method (url, headers, body, workflow inputs, Kubernetes
 * fields, UPSERT_ENTITY mapping) may embed expressions as `{{ expression }}`, as in Port, in the
 * product's one expression language, jq as Port writes it (`{{ .inputs.name }}`,
 * `{{ .entity.identifier + "-lock" }}`). They are evaluated over
 *
 *   { inputs, entity, trigger, run, secrets }
 *
 * - A string that is exactly one `{{ … }}` keeps the expression's type (a number stays a number,
 *   an object an object); `"x-{{ .inputs.n }}"` interpolates (objects as JSON, null as "").
 * - Object keys may be templates too; a key that evaluates to null drops its entry.
 * - An expression with no result gives null; one that fails is a TEMPLATE_FAILED error.
 *
 * Templates compile when actions load (`templateProblems` lists every bad one with its pointer)
 * and render per run. A render error is a LatticeError (TEMPLATE_FAILED) with the pointer, and its
 * message has every secret value masked: secrets never reach a run, a log or an error.
 */
import { compileExpression, type Expression } from '../expressions.ts';
import { toPointer } from '../files/parseDocument.ts';
import { maskSecrets, type Secrets } from './secrets.ts';
import { ErrorCodes, LatticeError } from '../../errors/index.ts';

export interface TemplateContext {
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly entity: unknown;
  readonly trigger: unknown;
  readonly run: unknown;
  readonly secrets: Secrets;
  /** Automations: the event that fired the run (Port's event context). */
  readonly event?: unknown;
  /** Actions with a timer policy: the extended timer (`expiresAt`, `extensions`), timerPolicy.ts. */
  readonly timer?: unknown;
}

export interface CompiledTemplate {
  /** True when the value holds at least one expression. */
  readonly dynamic: boolean;
  render(context: TemplateContext): Promise<unknown>;
}

export interface TemplateProblem {
  readonly pointer: string;
  readonly message: string;
}

type Part = string | { readonly expression: Expression; readonly pointer: string };

type Node =
  | { readonly kind: 'constant'; readonly value: unknown }
  | { readonly kind: 'string'; readonly parts: readonly Part[] }
  | { readonly kind: 'array'; readonly items: readonly Node[] }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [Node, Node])[] };

/** Compiles a JSON value holding templates; throws a LatticeError (TEMPLATE_FAILED) on the first bad one. */
export function compileTemplate(value: unknown, pointer = ''): CompiledTemplate {
  const problems: TemplateProblem[] = [];
  const node = compileNode(value, pointer, problems);
  if (problems.length > 0) {
    const [first] = problems;
    throw new LatticeError(ErrorCodes.TEMPLATE_FAILED, `template at ${first.pointer || '/'}: ${first.message}`, { location: { pointer: first.pointer } });
  }
  return {
    dynamic: isDynamic(node),
    render: (context) => renderNode(node, context),
  };
}

/** Every template that does not compile in `value`, with pointers under `pointer`. */
export function templateProblems(value: unknown, pointer = ''): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  compileNode(value, pointer, problems);
  return problems;
}

function compileNode(value: unknown, pointer: string, problems: TemplateProblem[]): Node {
  if (typeof value === 'string') {
    const parts = compileString(value, pointer, problems);
    return parts.some((p) => typeof p !== 'string') ? { kind: 'string', parts } : { kind: 'constant', value };
  }
  if (Array.isArray(value)) {
    const items = value.map((v, i) => compileNode(v, `${pointer}${toPointer([i])}`, problems));
    return items.every((n) => n.kind === 'constant') ? { kind: 'constant', value } : { kind: 'array', items };
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => {
      const at = `${pointer}${toPointer([k])}`;
      return [compileNode(k, at, problems), compileNode(v, at, problems)] as const;
    });
    return entries.every(([k, v]) => k.kind === 'constant' && v.kind === 'constant') ? { kind: 'constant', value } : { kind: 'object', entries };
  }
  return { kind: 'constant', value };
}

/** Splits a string into literal text and `{{ expression }}` parts (braces and quotes inside are skipped). */
function compileString(text: string, pointer: string, problems: TemplateProblem[]): Part[] {
  const parts: Part[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (!text.startsWith('{{', i)) {
      literal += text[i++];
      continue;
    }
    const end = closingBraces(text, i + 2);
    if (end < 0) {
      problems.push({ pointer, message: `"{{" at character ${i + 1} is not closed by "}}"` });
      return parts;
    }
    const source = text.slice(i + 2, end).trim();
    if (source === '') {
      problems.push({ pointer, message: `empty expression "{{ }}" at character ${i + 1}` });
      return parts;
    }
    try {
      if (literal) parts.push(literal);
      literal = '';
      parts.push({ expression: compileExpression(source), pointer });
    } catch (err) {
      problems.push({ pointer, message: (err as Error).message });
      return parts;
    }
    i = end + 2;
  }
  if (literal) parts.push(literal);
  return parts;
}

function closingBraces(text: string, from: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (quote) {
      if (c === '\\') j++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      if (depth === 0 && text[j + 1] === '}') return j;
      depth = Math.max(0, depth - 1);
    }
  }
  return -1;
}

function isDynamic(node: Node): boolean {
  return node.kind !== 'constant';
}

async function renderNode(node: Node, context: TemplateContext): Promise<unknown> {
  switch (node.kind) {
    case 'constant':
      return node.value;
    case 'string': {
      if (node.parts.length === 1 && typeof node.parts[0] !== 'string') return evaluate(node.parts[0], context);
      let out = '';
      for (const part of node.parts) out += typeof part === 'string' ? part : asText(evaluate(part, context));
      return out;
    }
    case 'array': {
      const out: unknown[] = [];
      for (const item of node.items) out.push(await renderNode(item, context));
      return out;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of node.entries) {
        const key = await renderNode(k, context);
        if (key === null || key === undefined) continue;
        out[typeof key === 'string' ? key : asText(key)] = await renderNode(v, context);
      }
      return out;
    }
  }
}

function evaluate(part: Exclude<Part, string>, context: TemplateContext): unknown {
  try {
    return part.expression.evaluate(context);
  } catch (err) {
    const raw = (err as { message?: string }).message ?? String(err);
    const message = maskSecrets(raw, context.secrets);
    throw new LatticeError(ErrorCodes.TEMPLATE_FAILED, `template at ${part.pointer || '/'}: ${message}`, { location: { pointer: part.pointer } });
  }
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
