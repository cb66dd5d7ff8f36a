/**
 * Label and field selectors, parsed and matched as the API server does
 * (k8s.io/apimachinery's `labels.Parse` and `fields.ParseSelector` grammars).
 *
 * Label selectors: comma-separated requirements, all of which must hold:
 * `key`, `!key`, `key=v`, `key==v`, `key!=v`, `key in (a,b)`, `key notin (a,b)`, `key>1`, `key<1`.
 * `!=` and `notin` also match objects without the key. Keys are qualified names
 * (`backstage.io/kubernetes-id`), values label values (at most 63 characters, may be empty).
 *
 * Field selectors: comma-separated `field=v`, `field==v`, `field!=v` (`\,` `\=` `\\` escape).
 * Every type supports `metadata.name` and `metadata.namespace`; pods also `status.phase`,
 * `spec.nodeName`, `status.podIP`, namespaces `status.phase`. Anything else is rejected, as the
 * API server rejects it ("field label not supported").
 *
 * Parse errors are thrown as SelectorError; the server answers them with 400 BadRequest.
 */

export class SelectorError extends Error {}

export type LabelOperator = 'exists' | '!' | '=' | '!=' | 'in' | 'notin' | 'gt' | 'lt';

export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>> | undefined;

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Whether `key` is a qualified name (`name` or `prefix/name`), as label keys must be. */
export function isQualifiedName(key: string): boolean {
  const slash = key.indexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    if (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) return false;
  }
  return name.length > 0 && name.length <= 63 && NAME.test(name);
}

export function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && NAME.test(value));
}

type Token = { kind: 'id'; text: string } | { kind: 'op'; text: string };

const SPECIAL = new Set(['(', ')', ',', '!', '=', '<', '>']);

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '!' && input[i + 1] === '=') {
      tokens.push({ kind: 'op', text: '!=' });
      i += 2;
    } else if (c === '=' && input[i + 1] === '=') {
      tokens.push({ kind: 'op', text: '==' });
      i += 2;
    } else if (SPECIAL.has(c)) {
      tokens.push({ kind: 'op', text: c });
      i++;
    } else {
      let j = i;
      while (j < input.length && !SPECIAL.has(input[j]) && !/\s/.test(input[j])) j++;
      tokens.push({ kind: 'id', text: input.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

/** Parses a label selector; '' (or only whitespace) selects everything. */
export function parseLabelSelector(input: string): LabelRequirement[] {
  const tokens = tokenize(input);
  const requirements: LabelRequirement[] = [];
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const fail = (detail: string): never => {
    throw new SelectorError(`unable to parse requirement: ${detail}`);
  };
  const describe = (t: Token | undefined): string => (t ? `'${t.text}'` : 'end of string');
  const expectKey = (): string => {
    const t = tokens[pos++];
    if (!t || t.kind !== 'id') return fail(`found ${describe(t)}, expected: identifier`);
    if (!isQualifiedName(t.text)) return fail(`invalid label key "${t.text}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
    return t.text;
  };
  const checkValue = (value: string): string => {
    if (!isLabelValue(value)) fail(`invalid label value: "${value}": must be 63 characters or less and consist of alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character`);
    return value;
  };

  if (tokens.length === 0) return requirements;
  for (;;) {
    const first = peek();
    if (first?.kind === 'op' && first.text === '!') {
      pos++;
      requirements.push({ key: expectKey(), operator: '!', values: [] });
    } else {
      const key = expectKey();
      const op = peek();
      if (!op || (op.kind === 'op' && op.text === ',')) {
        requirements.push({ key, operator: 'exists', values: [] });
      } else if (op.kind === 'op' && (op.text === '=' || op.text === '==' || op.text === '!=')) {
        pos++;
        const value = peek();
        let text = '';
        if (value?.kind === 'id') {
          text = value.text;
          pos++;
        } else if (value && !(value.kind === 'op' && value.text === ',')) {
          fail(`found ${describe(value)}, expected: identifier`);
        }
        requirements.push({ key, operator: op.text === '!=' ? '!=' : '=', values: [checkValue(text)] });
      } else if (op.kind === 'op' && (op.text === '>' || op.text === '<')) {
        pos++;
        const value = tokens[pos++];
        if (!value || value.kind !== 'id' || !/^-?\d+$/.test(value.text)) fail(`for 'Gt', 'Lt' operators, the value must be an integer`);
        requirements.push({ key, operator: op.text === '>' ? 'gt' : 'lt', values: [(value as Token).text] });
      } else if (op.kind === 'id' && (op.text === 'in' || op.text === 'notin')) {
        pos++;
        const open = tokens[pos++];
        if (!open || open.text !== '(') fail(`found ${describe(open)}, expected: '('`);
        const values: string[] = [];
        let expectValue = true;
        for (;;) {
          const t = tokens[pos++];
          if (!t) fail(`found ${describe(t)}, expected: ')'`);
          const token = t as Token;
          if (token.kind === 'op' && token.text === ')') {
            if (expectValue && values.length > 0) values.push('');
            break;
          }
          if (token.kind === 'op' && token.text === ',') {
            if (expectValue) values.push('');
            expectValue = true;
            continue;
          }
          if (token.kind !== 'id' || !expectValue) fail(`found ${describe(token)}, expected: ',', ')' or identifier`);
          values.push(checkValue(token.text));
          expectValue = false;
        }
        if (values.length === 0) fail(`for 'in', 'notin' operators, values set can't be empty`);
        requirements.push({ key, operator: op.text === 'in' ? 'in' : 'notin', values });
      } else {
        fail(`found ${describe(op)}, expected: in, notin, =, ==, !=, gt, lt`);
      }
    }
    const next = tokens[pos++];
    if (!next) break;
    if (next.kind !== 'op' || next.text !== ',') fail(`found ${describe(next)}, expected: ','`);
  }
  return requirements;
}

export function matchesLabels(requirements: readonly LabelRequirement[], labels: Labels): boolean {
  for (const r of requirements) {
    const has = labels !== undefined && Object.hasOwn(labels, r.key);
    const value = has ? labels[r.key] : undefined;
    switch (r.operator) {
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
      case '=':
      case 'in':
        if (!has || !r.values.includes(value as string)) return false;
        break;
      case '!=':
      case 'notin':
        if (has && r.values.includes(value as string)) return false;
        break;
      case 'gt':
      case 'lt': {
        if (!has || !/^-?\d+$/.test(value as string)) return false;
        const n = Number(value);
        const bound = Number(r.values[0]);
        if (r.operator === 'gt' ? !(n > bound) : !(n < bound)) return false;
        break;
      }
    }
  }
  return true;
}

/**
 * The `matchLabels` / `matchExpressions` of a LabelSelector object (a Deployment's
 * `spec.selector`) as requirements.
 */
export function requirementsOf(selector: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined): LabelRequirement[] {
  if (!selector) return [];
  const out: LabelRequirement[] = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => ({ key, operator: '=' as const, values: [value] }));
  for (const e of selector.matchExpressions ?? []) {
    const operator = ({ In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' } as const)[e.operator as 'In'];
    if (!operator) throw new SelectorError(`"${e.operator}" is not a valid label selector operator`);
    out.push({ key: e.key, operator, values: e.values ?? [] });
  }
  return out;
}

export interface FieldRequirement {
  readonly field: string;
  readonly negated: boolean;
  readonly value: string;
}

const FIELDS_BY_KIND: Readonly<Record<string, readonly string[]>> = {
  Pod: ['status.phase', 'spec.nodeName', 'status.podIP'],
  Namespace: ['status.phase'],
};

function splitUnescaped(input: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === '\\' && i + 1 < input.length) {
      current += c + input[i + 1];
      i++;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

function unescapeFieldValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '\\') {
      const next = value[i + 1];
      if (next !== '\\' && next !== ',' && next !== '=') throw new SelectorError(`invalid field selector: invalid escape sequence: \\${next ?? ''}`);
      out += next;
      i++;
    } else if (value[i] === ',' || value[i] === '=') {
      throw new SelectorError(`invalid field selector: unescaped ${value[i]}`);
    } else {
      out += value[i];
    }
  }
  return out;
}

/** Parses a field selector for objects of `kind`; unsupported fields throw. */
export function parseFieldSelector(input: string, kind: string): FieldRequirement[] {
  if (input.trim() === '') return [];
  const supported = ['metadata.name', 'metadata.namespace', ...(FIELDS_BY_KIND[kind] ?? [])];
  return splitUnescaped(input, ',').map((term) => {
    const match = /^(.*?)(!=|==|=)(.*)$/.exec(term);
    if (!match) throw new SelectorError(`invalid selector: '${input}'; can't understand '${term}'`);
    const field = match[1].trim();
    if (!supported.includes(field)) throw new SelectorError(`field label not supported: ${field}`);
    return { field, negated: match[2] === '!=', value: unescapeFieldValue(match[3]) };
  });
}

export function matchesFields(requirements: readonly FieldRequirement[], object: { metadata: { name?: string; namespace?: string } } & Record<string, unknown>): boolean {
  for (const r of requirements) {
    const actual = String(fieldValue(object, r.field) ?? '');
    if ((actual === r.value) === r.negated) return false;
  }
  return true;
}

function fieldValue(object: Record<string, unknown>, path: string): unknown {
  let current: unknown = object;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
