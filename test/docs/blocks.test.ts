/**
 * Every fenced block of README.md and docs/*.md works as written (the convention is in
 * test/docs/README.md). The blocks are read from the Markdown at test time; each is one test,
 * named by file, line, heading and number:
 * - `graphql`: run against the demo gateway (test/docs/run/graphql.ts);
 * - `sh`: run by bash against it (test/docs/run/shell.ts);
 * - `yaml`, `json`: parsed and loaded by the real loaders (test/docs/run/data.ts);
 * - `ts`, `js`: excerpts checked against their file, or run (test/docs/run/code.ts);
 * - `text`: trees, tables and output, read by people only.
 * A block without a language fails, and so does `<!-- docs-test: skip -->` without a reason
 * naming an existing file (a test, or .ci/run) that runs what the block shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/lattice.ts';
import { startDocsGateway, type DocsGateway } from './gateway.ts';
import { blocksOf, documentedFiles, markingProblems, skipProblems, where, type Block } from './markdown.ts';
import { runCodeBlock } from './run/code.ts';
import { loadDataBlock } from './run/data.ts';
import { runGraphQLBlock } from './run/graphql.ts';
import { runShellBlock } from './run/shell.ts';

const LANGUAGES = ['graphql', 'sh', 'yaml', 'json', 'ts', 'js', 'text'] as const;
const FILES = documentedFiles(ROOT);
const BLOCKS = FILES.flatMap((f) => blocksOf(ROOT, f));
const NEEDS_GATEWAY = new Set(['graphql', 'sh', 'js']);

let gateway: DocsGateway | undefined;
/** The gateway, started by the first block that needs it (a file of the docs alone needs none). */
async function gw(): Promise<DocsGateway> {
  gateway ??= await startDocsGateway();
  return gateway;
}
beforeAll(async () => {
  if (BLOCKS.some((b) => NEEDS_GATEWAY.has(b.language) && b.directive?.kind !== 'skip')) await gw();
});
afterAll(async () => gateway?.close());

async function check(block: Block): Promise<void> {
  switch (block.language) {
    case 'graphql':
      return runGraphQLBlock(block, await gw());
    case 'sh':
      if (block.directive && block.directive.kind !== 'error') throw new Error(`an sh block's directive is "skip" or "error"; got "${block.directive.kind}"`);
      await runShellBlock(block.text, await gw(), block.directive?.kind === 'error');
      return;
    case 'yaml':
    case 'json':
      return loadDataBlock(block);
    case 'ts':
    case 'js':
      return runCodeBlock(block, (await gw()).url);
    default:
      return undefined;
  }
}

describe.each(FILES)('%s', (file) => {
  const blocks = BLOCKS.filter((b) => b.file === file);

  it('every fenced block has a language the docs test knows and a readable docs-test comment', () => {
    expect(markingProblems(blocks, LANGUAGES)).toEqual([]);
  });

  const skipped = blocks.filter((b) => b.directive?.kind === 'skip');
  if (skipped.length > 0) {
    it('every skipped block says why and names what runs it instead', () => {
      expect(skipProblems(skipped, ROOT)).toEqual([]);
    });
  }

  const checked = blocks.filter((b) => b.directive?.kind !== 'skip' && b.language !== 'text' && (LANGUAGES as readonly string[]).includes(b.language) && !b.badDirective);
  if (checked.length > 0) {
    it.each(checked.map((b) => [`${where(b)}: ${b.language}`, b] as const))('%s works as written', async (_name, block) => {
      try {
        await check(block);
      } catch (err) {
        throw new Error(`${where(block)}, a ${block.language} block: ${(err as Error).message}`, { cause: err });
      }
    }, 180_000);
  }
});
