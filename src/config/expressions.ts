/**
 * Every expression in a source's `resources` compiles when the configuration loads: a bad one is an
 * INVALID_CONFIG error with the file, line, column and JSON pointer of the string, and the line and
 * column inside the jq expression (src/model/expressions.ts). The walk finds a resource's `selector`
 * (a string, or Port's `{ query }`) and `mappings` wherever they sit in the resource, so it holds for
 * each shape of `resources` the sources accept. In `mappings` every string is jq except the literal
 * parts of Port's search-query relations (`combinator`, a rule's `property` and `operator`).
 */
import { ErrorCodes, LatticeError, type ErrorLocation } from '../errors/index.ts';
import { compileExpression } from '../model/expressions.ts';

type Locate = (pointer: string) => ErrorLocation;

/** Returns one located error per expression that does not compile, in document order. */
export function resourceExpressionProblems(sources: unknown, locate: Locate): LatticeError[] {
  const problems: LatticeError[] = [];
  const check = (value: unknown, pointer: string): void => {
    // `file://path` (Port's GitHub mappings) names a repository file, not an expression.
    if (typeof value === 'string' && !value.trim().startsWith('file://')) {
      try {
        compileExpression(value);
      } catch (err) {
        if (!(err instanceof LatticeError)) throw err;
        problems.push(new LatticeError(ErrorCodes.INVALID_CONFIG, err.message, { location: locate(pointer), cause: err, details: err.details }));
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => check(v, `${pointer}/${i}`));
    else if (value && typeof value === 'object') {
      const rule = 'property' in value && 'operator' in value;
      for (const [k, v] of Object.entries(value)) {
        if (rule ? k === 'value' : k !== 'combinator') check(v, `${pointer}/${escape(k)}`);
      }
    }
  };
  const find = (value: unknown, pointer: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => find(v, `${pointer}/${i}`));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'mappings') check(v, `${pointer}/mappings`);
        else if (k === 'selector') check(typeof v === 'string' ? v : (v as { query?: unknown } | null)?.query, `${pointer}/selector${typeof v === 'string' ? '' : '/query'}`);
        else find(v, `${pointer}/${escape(k)}`);
      }
    }
  };
  if (Array.isArray(sources)) sources.forEach((s, i) => find((s as { resources?: unknown })?.resources, `/sources/${i}/resources`));
  return problems;
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
