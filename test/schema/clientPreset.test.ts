/**
 * GraphQL Code Generator's client preset, with `strictScalars`, over Lattice's public schema:
 * it generates types for a client's operations (test/fixtures/codegen/operations.graphql), and a
 * client's code over them type-checks with the TypeScript compiler: enums are closed unions,
 * required values non-null, every scalar mapped. A schema change that breaks this (a new
 * unmapped scalar, a required relation made nullable) fails here.
 */
import path from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import type { Types } from '@graphql-codegen/plugin-helpers';
import { printSchema } from 'graphql';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGeneration } from '../../src/server/runtime.ts';
import { withoutFederation } from '../../src/schema/federation.ts';
import { ROOT } from '../helpers/lattice.ts';

const read = (dir: string) => readdirSync(path.join(ROOT, dir)).map((f) => ({ file: path.join(dir, f), text: readFileSync(path.join(ROOT, dir, f), 'utf8') }));
const OUT = 'test/fixtures/codegen/__generated__/';

/** Lattice's scalars, as a client maps them. */
const SCALARS = {
  DateTime: 'string',
  JSON: 'unknown',
  URL: 'string',
  EmailAddress: 'string',
  IPv4: 'string',
  IPv6: 'string',
};

/** A client's code over the generated types (kept here: it only type-checks next to them). */
const USAGE = `
import type { ApiQuery, DashboardQuery, RunsQuery, ScaleMutationVariables } from './__generated__/graphql';

export function providerTitle(api: NonNullable<ApiQuery['api']>): string {
  // API.provider is a required relation: non-null, no \`?.\`.
  return \`\${api.provider.identifier}: \${api.provider.title ?? ''}\`;
}

export function componentTypes(d: DashboardQuery): ('SERVICE' | 'LIBRARY')[] {
  return (d.domain?.systemsByDomain.nodes ?? []).flatMap((s) => s?.componentsBySystem.edges.flatMap((e) => (e.node?.type ? [e.node.type] : [])) ?? []);
}

export function runs(r: RunsQuery): { ids: string[]; decisions: ('APPROVE' | 'DECLINE')[]; operations: ('CREATE' | 'DAY_2' | 'DELETE')[]; total: number; at: string[] } {
  return {
    ids: r.runs.edges.map((e) => e.node.id),
    decisions: r.runs.edges.flatMap((e) => e.node.approvals.map((a) => a.decision)),
    operations: r.actions.map((a) => a.operation),
    total: r.runs.totalCount,
    at: r.runs.edges.flatMap((e) => e.node.approvals.map((a) => a.at)),
  };
}

export const scale: ScaleMutationVariables = { entity: 'CartService', replicas: 3 };
`;

/** Type-checks `files` (path → text, none written to disk) with node_modules of the repository. */
function typeCheck(files: ReadonlyMap<string, string>): string[] {
  const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true, types: [] };
  const host = ts.createCompilerHost(options);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  const directoryExists = host.directoryExists?.bind(host);
  host.fileExists = (f) => files.has(f) || fileExists(f);
  host.directoryExists = (d) => [...files.keys()].some((f) => f.startsWith(`${d}${path.sep}`)) || (directoryExists?.(d) ?? true);
  host.readFile = (f) => files.get(f) ?? readFile(f);
  host.getSourceFile = (f, language, ...rest) => (files.has(f) ? ts.createSourceFile(f, files.get(f) as string, language) : getSourceFile(f, language, ...rest));
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? `${path.relative(ROOT, d.file.fileName)}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

/** The client preset's output for the fixture operations, by absolute path. */
async function generated(): Promise<Map<string, string>> {
  const { schema } = buildGeneration(read('schema/blueprints'), () => [], read('schema/actions'));
  const config: Types.Config = {
    // The public schema: what clients get when server.federation.enabled is off (no `_Any`).
    schema: printSchema(withoutFederation(schema)),
    documents: 'test/fixtures/codegen/operations.graphql',
    cwd: ROOT,
    silent: true,
    generates: { [OUT]: { preset: 'client', config: { strictScalars: true, enumsAsTypes: true, scalars: SCALARS } } },
  };
  const outputs = (await generate(config, false)) as { filename: string; content: string }[];
  return new Map(outputs.map((o) => [path.resolve(ROOT, o.filename), o.content]));
}

const USAGE_FILE = path.resolve(ROOT, 'test/fixtures/codegen/usage.ts');

describe("GraphQL Code Generator's client preset", () => {
  let files: Map<string, string>;
  beforeAll(async () => {
    files = await generated();
  });

  it('generates with strictScalars over the public schema, and a client over its types type-checks', () => {
    expect([...files.keys()].map((f) => path.basename(f)).sort()).toEqual(['fragment-masking.ts', 'gql.ts', 'graphql.ts', 'index.ts']);
    expect(typeCheck(new Map([...files, [USAGE_FILE, USAGE]]))).toEqual([]);
  });

  it('the check catches a client that assumes what the schema does not promise (a nullable title, an enum value that does not exist)', () => {
    const broken = USAGE.replace('api.provider.title ??', 'api.provider.title.length ??').replace("('CREATE' | 'DAY_2' | 'DELETE')[]", "('CREATE' | 'DELETE')[]");
    const errors = typeCheck(new Map([...files, [USAGE_FILE, broken]])).join('\n');
    expect(errors).toContain("'api.provider.title' is possibly 'null'");
    expect(errors).toContain('"DAY_2"');
  });
});
