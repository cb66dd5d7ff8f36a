/**
 * `npm run codegen` (first step): writes the SDL generated from the configured blueprints to
 * schema/generated/schema.graphql, the committed golden file. GraphQL Code Generator
 * (codegen.yml) then turns it into TypeScript types. A test fails when the file is out of date.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/index.ts';
import { LatticeErrors } from '../errors/index.ts';
import { buildGeneration, readDocuments } from '../server/runtime.ts';

export const GENERATED_SDL = 'schema/generated/schema.graphql';

const config = loadConfig();
try {
  const { sdl } = buildGeneration(await readDocuments(config.blueprintsDir, process.cwd()));
  const out = path.resolve(process.cwd(), GENERATED_SDL);
  writeFileSync(out, sdl);
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
} catch (err) {
  for (const e of err instanceof LatticeErrors ? err.errors : [err]) console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
