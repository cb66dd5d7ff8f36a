/**
 * duplicateKeys: a key stated twice in one JSON object is a warning at the second one, with its
 * line, column and pointer (nested objects and arrays included); the same key in two different
 * objects is not; a file that does not parse has none (its syntax error is reported elsewhere).
 */
import { describe, expect, it } from 'vitest';
import { duplicateKeys } from '../../../src/model/files/duplicateKeys.ts';

const where = (text: string) => duplicateKeys('bp.json', text).map((e) => ({ ...e.location, message: e.message }));

describe('duplicateKeys', () => {
  it('locates the second key, top level and nested in objects and arrays, naming the line of the first', () => {
    const text = ['{', '  "title": "a",', '  "schema": { "properties": { "x": {}, "x": {} } },', '  "list": [ { "k": 1, "k": 2 } ],', '  "title": "b"', '}'].join('\n');
    expect(where(text)).toEqual([
      { file: 'bp.json', line: 3, column: 40, pointer: '/schema/properties/x', message: 'duplicate key "x": the value on line 3 is ignored, this one is used (as Port\'s API does)' },
      { file: 'bp.json', line: 4, column: 23, pointer: '/list/0/k', message: 'duplicate key "k": the value on line 4 is ignored, this one is used (as Port\'s API does)' },
      { file: 'bp.json', line: 5, column: 3, pointer: '/title', message: 'duplicate key "title": the value on line 2 is ignored, this one is used (as Port\'s API does)' },
    ]);
  });

  it('the same key in sibling objects is not a duplicate; escapes in keys are kept in the pointer', () => {
    expect(where('[{ "a": 1 }, { "a": 2 }, { "a/b": 1, "c": { "a/b": 2 } }]')).toEqual([]);
    expect(where('{ "a/b": 1, "a/b": 2 }')[0].pointer).toBe('/a~1b');
  });
});
