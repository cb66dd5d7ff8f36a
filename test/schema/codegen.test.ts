/**
 * The committed codegen output (resolvers/generated/graphql.ts, which types the hand-written
 * resolvers) is what codegen.yml makes of the committed SDL: run `npm run codegen` after
 * changing either.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import type { Types } from '@graphql-codegen/plugin-helpers';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/lattice.ts';

describe('the committed resolver types', () => {
  it('are what codegen.yml generates from schema/generated/schema.graphql', async () => {
    const config = parse(readFileSync(path.join(ROOT, 'codegen.yml'), 'utf8')) as Types.Config;
    const outputs = await generate({ ...config, cwd: ROOT, silent: true }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs as { filename: string; content: string }[]) {
      expect(readFileSync(path.resolve(ROOT, output.filename), 'utf8'), output.filename).toBe(output.content);
    }
  });
});
