/**
 * duplicateKeys: the keys a JSON object states twice, as located warnings. JSON.parse, Python's
 * json (Port's API) and jsonc-parser all keep the last value silently; real Port blueprints do
 * have such keys, so they load (last one wins) and the author is told where the first one was
 * dropped. Pure: text in, warnings out; a file that does not parse has none (its syntax error is
 * reported by parseDocument).
 */
import { visit } from 'jsonc-parser';
import { ErrorCodes, LatticeError } from '../../errors/index.ts';
import { toPointer } from './parseDocument.ts';

export function duplicateKeys(file: string, text: string): LatticeError[] {
  const out: LatticeError[] = [];
  /** The keys seen so far in each object being read, innermost last (null for an array level). */
  const open: (Map<string, number> | null)[] = [];
  visit(
    text,
    {
      onObjectBegin: () => void open.push(new Map()),
      onObjectEnd: () => void open.pop(),
      onArrayBegin: () => void open.push(null),
      onArrayEnd: () => void open.pop(),
      onObjectProperty: (key, _offset, _length, line, character, path) => {
        const seen = open.at(-1);
        if (!seen) return;
        const first = seen.get(key);
        if (first !== undefined) {
          out.push(
            new LatticeError(ErrorCodes.SYNTAX_ERROR, `duplicate key "${key}": the value on line ${first} is ignored, this one is used (as Port's API does)`, {
              location: { file, line: line + 1, column: character + 1, pointer: toPointer([...path(), key]) },
            }),
          );
        }
        seen.set(key, line + 1);
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  return out;
}
