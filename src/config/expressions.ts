/**
 * Every expression in a source's `resources` compiles when the configuration loads: a bad one is an
 * INVALID_CONFIG error with the file, line, column and JSON pointer of the string, and the line and
 * column inside the jq expression (src/model/expressions.ts).
 *
 * Which strings are jq, as Port reads a `port-app-config`: a resource's `selector` (a string, or
 * Port's `{ query }`), `itemsToParse`, and every string under `mappings` (wherever they sit in the
 * resource, so each shape of `resources` the sources accept is covered) except the literal parts of
 * Port's search-query relations (`combinator`, a rule's `property` and `operator`) and `file://`
 * references (file content, read by the GitHub integration).
 */
import { ErrorCodes, LatticeError, type ErrorLocation } from '../errors/index.ts';
import { compileExpression } from '../model/expressions.ts';

type Locate = (pointer: string) => ErrorLocation;

/** One jq expression of a `resources` list and its JSON pointer. */
export interface ResourceExpression {
  readonly pointer: string;
  readonly source: string;
}

/** Every jq expression in a `resources` list, in document order; `base` is the list's pointer. */
export function resourceExpressions(resources: unknown, base: string): ResourceExpression[] {
  const out: ResourceExpression[] = [];
  const expression = (value: unknown, pointer: string): void => {
    if (typeof value === 'string' && !value.trim().startsWith('file://')) out.push({ pointer, source: value });
  };
  const mapping = (value: unknown, pointer: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => mapping(v, `${pointer}/${i}`));
    else if (value && typeof value === 'object') {
      const rule = 'property' in value && 'operator' in value;
      for (const [k, v] of Object.entries(value)) {
        if (rule ? k === 'value' : k !== 'combinator') mapping(v, `${pointer}/${escape(k)}`);
      }
    } else expression(value, pointer);
  };
  const find = (value: unknown, pointer: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => find(v, `${pointer}/${i}`));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const at = `${pointer}/${escape(k)}`;
        if (k === 'mappings') mapping(v, at);
        else if (k === 'itemsToParse') expression(v, at);
        else if (k === 'selector') {
          if (typeof v === 'string') expression(v, at);
          else expression((v as { query?: unknown } | null)?.query, `${at}/query`);
        } else find(v, at);
      }
    }
  };
  find(resources, base);
  return out;
}

/** Returns one located error per expression of the sources' `resources` that does not compile. */
export function resourceExpressionProblems(sources: unknown, locate: Locate): LatticeError[] {
  const problems: LatticeError[] = [];
  if (!Array.isArray(sources)) return problems;
  sources.forEach((s, i) => {
    for (const { pointer, source } of resourceExpressions((s as { resources?: unknown } | null)?.resources, `/sources/${i}/resources`)) {
      try {
        compileExpression(source);
      } catch (err) {
        if (!(err instanceof LatticeError)) throw err;
        problems.push(new LatticeError(ErrorCodes.INVALID_CONFIG, err.message, { location: locate(pointer), cause: err, details: err.details }));
      }
    }
  });
  return problems;
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
