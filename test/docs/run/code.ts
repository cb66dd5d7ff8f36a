/**
 * A `ts` or `js` block of the docs:
 * - `excerpt of <file>`: every non-blank line of the block is a line of that file (indentation
 *   aside), so an excerpt cannot drift from the code it quotes;
 * - otherwise a `js` block is run as an ES module by the Node running the tests, from the
 *   repository root (its imports resolve to the project's dependencies), with `LATTICE_TOKEN`
 *   set and `localhost:4000` as the docs gateway's address, and must exit 0;
 * - a `ts` block that is not an excerpt must say so (`skip — why`).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../helpers/lattice.ts';
import { DOCS_TOKEN } from '../gateway.ts';
import type { Block } from '../markdown.ts';

export function excerptProblems(text: string, file: string): string[] {
  const lines = new Set(readFileSync(path.join(ROOT, file), 'utf8').split('\n').map((l) => l.trim()));
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !lines.has(l))
    .map((l) => `not a line of ${file}: ${l}`);
}

export async function runCodeBlock(block: Block, gatewayUrl: string): Promise<void> {
  const d = block.directive;
  if (d?.kind === 'excerpt') {
    if (!d.of) throw new Error('"excerpt" needs "of <file>"');
    const problems = excerptProblems(block.text, d.of);
    if (problems.length > 0) throw new Error(problems.join('\n'));
    return;
  }
  if (d) throw new Error(`a ${block.language} block's directive is "excerpt of <file>" or "skip"; got "${d.kind}"`);
  if (block.language !== 'js') throw new Error(`a ${block.language} block must be an excerpt (<!-- docs-test: excerpt of <file> -->) or skipped with a reason`);
  const code = block.text.replaceAll('localhost:4000', gatewayUrl.replace(/^http:\/\//, ''));
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, env: { ...process.env, LATTICE_TOKEN: DOCS_TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exit = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (exit !== 0) throw new Error(`node exited ${exit}:\n${output.slice(-3000)}`);
}
