/**
 * jq's regular expressions (Oniguruma) mapped onto JS RegExp with the `u` flag: flags
 * g (all matches), i, x (extended: whitespace and # comments dropped), n (skip empty matches),
 * s (dot matches newline). Offsets and lengths are in code points, as jq reports them.
 */
import { JqRuntimeError } from './errors.ts';

export interface RegexCapture { offset: number; length: number; string: string | null; name: string | null }
export interface RegexMatch { offset: number; length: number; string: string; captures: RegexCapture[] }

const cache = new Map<string, RegExp>();

function compileRegex(re: string, flags: string): RegExp {
  const key = `${flags}/${re}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let source = re;
  let js = 'gud';
  for (const f of flags) {
    if (f === 'i') js += 'i';
    else if (f === 's') js += 's';
    else if (f === 'x') source = source.replace(/(\\.)|\s+|#[^\n]*/g, (_m, esc: string | undefined) => esc ?? '');
    else if (!'gnlp'.includes(f)) throw new JqRuntimeError(`${flags} is not a valid modifier string`);
  }
  let rx: RegExp;
  try { rx = new RegExp(source, js); } catch (e) { throw new JqRuntimeError(`${re} (at offset 0) is not a valid regex: ${(e as Error).message}`); }
  if (cache.size > 500) cache.clear();
  cache.set(key, rx);
  return rx;
}

const cpLength = (s: string): number => { let n = 0; for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); if (c < 0xd800 || c > 0xdbff) n++; } return n; };

/** The matches of `re` in `s` (all when flags have g, else the first), as jq's match objects. */
export function regexMatches(s: string, re: string, flags: string): RegexMatch[] {
  const rx = compileRegex(re, flags);
  const global = flags.includes('g');
  const skipEmpty = flags.includes('n');

  const groupNames: Array<string | null> = [];
  let idx = 0;
  for (const m of re.matchAll(/\\.|\((\?<([a-zA-Z_]\w*)>|\?)?/g)) {
    if (m[0].startsWith('\\')) continue;
    if (m[1] === '?') continue;
    groupNames[idx++] = m[2] ?? null;
  }

  const out: RegexMatch[] = [];
  rx.lastIndex = 0;
  for (const m of s.matchAll(rx)) {
    if (skipEmpty && m[0] === '') continue;
    const offset = cpLength(s.slice(0, m.index));
    const captures: RegexCapture[] = [];
    const ind = (m as RegExpMatchArray & { indices?: Array<[number, number] | undefined> }).indices;
    for (let k = 1; k < m.length; k++) {
      const g = m[k];
      let off = -1;
      if (g !== undefined) {
        const at = ind?.[k]?.[0] ?? s.indexOf(g, m.index);
        off = cpLength(s.slice(0, at));
      }
      captures.push({ offset: off, length: g === undefined ? 0 : cpLength(g), string: g ?? null, name: groupNames[k - 1] ?? null });
    }
    out.push({ offset, length: cpLength(m[0]), string: m[0], captures });
    if (!global) break;
  }
  return out;
}
