/**
 * `lattice check`: validates a whole configuration the way `npm start` would load it (blueprints,
 * actions and the schema they generate, catalog files, every source's mappings compiled) without
 * serving, opening a store or calling an upstream, and prints every problem with its file, line,
 * column and JSON pointer. Made for CI on a catalog repository, as `rover subgraph check` and
 * `tsc --noEmit` are run. Exit 0 valid (warnings allowed), 1 invalid, 2 usage error.
 *
 * What is checked, like tsc's `-p` and file arguments:
 *   lattice check                         lattice.yaml (LATTICE_CONFIG, else ./lattice.yaml when present; else the defaults)
 *   lattice check --config ci/lattice.yaml
 *   lattice check --blueprints DIR        override a folder of the configuration (also --catalog, --actions)
 *   lattice check PATH...                 only these blueprint files or folders, no lattice.yaml (add --catalog/--actions)
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.ts';
import type { SourceConfig } from '../config/types.ts';
import { ErrorCodes, LatticeError, LatticeErrors, type ErrorLocation } from '../errors/index.ts';
import type { SourceFile } from '../model/files/definitions.ts';
import { parseDocument } from '../model/files/parseDocument.ts';
import { readDocuments } from '../server/runtime.ts';
import { UsageError } from './args.ts';
import { CHECK_USAGE } from './checkUsage.ts';
import { checkProject, type CheckReport } from './checkProject.ts';
import { EXIT_CODES } from './exitCodes.ts';
import type { CliIO } from './output.ts';

interface Target {
  readonly blueprints: readonly string[];
  readonly catalog?: string;
  readonly actions?: string;
  readonly scorecards?: string;
  readonly automations?: string;
  readonly sources: readonly SourceConfig[];
  readonly configFile?: string;
  /** Problems found before any file is read (an invalid lattice.yaml, a missing blueprints folder). */
  readonly problems: LatticeError[];
  readonly warnings: LatticeError[];
}

export function checkCommand(args: readonly string[], io: CliIO): Promise<number> {
  return runCheck(args, io, { cwd: process.cwd(), env: process.env });
}

/** The command with its working folder and environment given (tests run it in-process). Throws UsageError. */
export async function runCheck(args: readonly string[], io: CliIO, where: { readonly cwd: string; readonly env: Readonly<Record<string, string | undefined>> }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string' },
        blueprints: { type: 'string' },
        catalog: { type: 'string' },
        actions: { type: 'string' },
        scorecards: { type: 'string' },
        automations: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(CHECK_USAGE);
    return EXIT_CODES.SUCCESS;
  }
  const { cwd, env } = where;
  const target = resolveTarget({ cwd, env, positionals, config: values.config, blueprints: values.blueprints, catalog: values.catalog, actions: values.actions, scorecards: values.scorecards, automations: values.automations });
  const files = target.problems.length ? undefined : await readTarget(target, cwd);
  const report = files && target.problems.length === 0 ? await checkProject(files) : undefined;
  const errors = [...target.problems, ...(report?.errors ?? [])];
  const warnings = [...target.warnings, ...(report?.warnings ?? [])];
  const ok = errors.length === 0;
  if (values.json) {
    const toJson = (e: LatticeError) => ({ code: e.code, message: e.message, ...e.location, ...fileOf(e, cwd) });
    io.out(JSON.stringify({ ok, errors: errors.map(toJson), warnings: warnings.map(toJson), counts: report?.counts ?? null, skipped: report?.skipped ?? [] }, null, 2));
  } else {
    for (const e of errors) io.out(formatProblem('error', e, cwd));
    for (const w of warnings) io.out(formatProblem('warning', w, cwd));
    for (const s of report?.skipped ?? []) io.out(`note: ${s}`);
    io.out(summary(errors.length, warnings.length, report));
  }
  return ok ? EXIT_CODES.SUCCESS : EXIT_CODES.FAILURE;
}

/** Which files to read: from the flags, lattice.yaml and the defaults. Usage errors throw; configuration problems are returned. */
function resolveTarget(o: { cwd: string; env: Readonly<Record<string, string | undefined>>; positionals: readonly string[]; config?: string; blueprints?: string; catalog?: string; actions?: string; scorecards?: string; automations?: string }): Target {
  const named = (flag: string, p: string | undefined) => {
    if (p === undefined) return undefined;
    const abs = path.resolve(o.cwd, p);
    if (!existsSync(abs)) throw new UsageError(`${flag}${flag ? ' ' : ''}${p}: no such file or folder`);
    return abs;
  };
  const catalog = named('--catalog', o.catalog);
  const actions = named('--actions', o.actions);
  const scorecards = named('--scorecards', o.scorecards);
  const automations = named('--automations', o.automations);
  if (o.positionals.length) {
    if (o.blueprints !== undefined) throw new UsageError('give blueprint paths either as arguments or with --blueprints, not both');
    if (o.config !== undefined) throw new UsageError('with paths as arguments lattice.yaml is not read; drop --config, or the paths and use --blueprints');
    return { blueprints: o.positionals.map((p) => named('', p) as string), catalog, actions, scorecards, automations, sources: [], problems: [], warnings: [] };
  }
  const configFile = named('--config', o.config);
  const env = configFile ? { ...o.env, LATTICE_CONFIG: configFile } : o.env;
  const unset = unsetVariables(env, o.cwd);
  let config;
  try {
    config = loadConfig({ ...env, ...unset.placeholders }, o.cwd);
  } catch (err) {
    const problems = err instanceof LatticeErrors ? [...err.errors] : err instanceof LatticeError ? [err] : [new LatticeError(ErrorCodes.INVALID_CONFIG, (err as Error).message)];
    return { blueprints: [], sources: [], problems, warnings: [] };
  }
  const problems: LatticeError[] = [];
  const warnings: LatticeError[] = [...unset.warnings];
  const blueprintsDir = named('--blueprints', o.blueprints) ?? config.blueprintsDir;
  const where = config.configFile ? path.relative(o.cwd, config.configFile) : undefined;
  if (!existsSync(blueprintsDir)) {
    problems.push(new LatticeError(ErrorCodes.INVALID_CONFIG, `the blueprints folder ${path.relative(o.cwd, blueprintsDir) || '.'} does not exist (set "blueprints:" in lattice.yaml, or --blueprints DIR)`, { location: where ? { file: where, pointer: '/blueprints' } : undefined }));
  }
  const catalogDir = catalog ?? config.catalogDir;
  if (!catalog && !existsSync(catalogDir)) {
    warnings.push(new LatticeError(ErrorCodes.INVALID_CONFIG, `the catalog folder ${path.relative(o.cwd, catalogDir)} does not exist: no catalog entities (set "catalog:" in lattice.yaml, or --catalog DIR)`, { location: where ? { file: where, pointer: '/catalog' } : undefined }));
  }
  return { blueprints: [blueprintsDir], catalog: catalogDir, actions: actions ?? config.actionsDir, scorecards: scorecards ?? config.scorecardsDir, automations: automations ?? config.automationsDir, sources: config.sources, configFile: config.configFile, problems, warnings };
}

/**
 * The `${NAME}` variables lattice.yaml uses (without a `:-default`) that are not set: CI jobs that
 * check a catalog repository rarely hold the gateway's secrets, so each one is a located warning
 * and the check goes on with a placeholder (`npm start` still needs it).
 */
function unsetVariables(env: Readonly<Record<string, string | undefined>>, cwd: string): { placeholders: Record<string, string>; warnings: LatticeError[] } {
  const file = env.LATTICE_CONFIG ? path.resolve(cwd, env.LATTICE_CONFIG) : path.join(cwd, 'lattice.yaml');
  if (!existsSync(file)) return { placeholders: {}, warnings: [] };
  const text = readFileSync(file, 'utf8');
  const placeholders: Record<string, string> = {};
  const warnings: LatticeError[] = [];
  for (const m of text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
    const name = m[1];
    if (env[name] !== undefined || name in placeholders) continue;
    placeholders[name] = `<${name}>`;
    const before = text.slice(0, m.index);
    const line = before.split('\n').length;
    const column = m.index - before.lastIndexOf('\n');
    warnings.push(new LatticeError(ErrorCodes.INVALID_CONFIG, `environment variable ${name} is not set: checked with a placeholder (npm start needs it)`, { location: { file: path.relative(cwd, file), line, column } }));
  }
  return { placeholders, warnings };
}

/** A file or every JSON/YAML file below a folder, named relative to the working folder. */
async function readPath(p: string | undefined, cwd: string): Promise<SourceFile[]> {
  if (p === undefined || !existsSync(p)) return [];
  if (statSync(p).isDirectory()) return readDocuments(p, cwd);
  return [{ file: path.relative(cwd, p), text: readFileSync(p, 'utf8') }];
}

async function readTarget(target: Target, cwd: string) {
  const blueprints = (await Promise.all(target.blueprints.map((p) => readPath(p, cwd)))).flat();
  if (blueprints.length === 0) {
    target.problems.push(new LatticeError(ErrorCodes.INVALID_CONFIG, `no blueprint files (*.json, *.yaml, *.yml) in ${target.blueprints.map((p) => path.relative(cwd, p) || '.').join(', ')}`));
  }
  let locateConfig: ((pointer: string) => ErrorLocation) | undefined;
  if (target.configFile) {
    const file = path.relative(cwd, target.configFile);
    const doc = parseDocument(file, readFileSync(target.configFile, 'utf8'));
    locateConfig = (pointer) => doc.locate(pointer);
  }
  return { blueprints, catalog: await readPath(target.catalog, cwd), actions: await readPath(target.actions, cwd), scorecards: await readPath(target.scorecards, cwd), automations: await readPath(target.automations, cwd), sources: target.sources, locateConfig };
}

/** The problem's file relative to the working folder (the configuration's loader names it absolutely). */
function fileOf(e: LatticeError, cwd: string): { file?: string } {
  const file = e.location?.file;
  return file === undefined ? {} : { file: path.isAbsolute(file) ? path.relative(cwd, file) : file };
}

function formatProblem(severity: 'error' | 'warning', e: LatticeError, cwd: string): string {
  const { line, column, pointer } = e.location ?? {};
  const { file } = fileOf(e, cwd);
  const at = file ? `${file}${line !== undefined ? `:${line}:${column ?? 1}` : ''}: ` : '';
  return `${at}${severity} ${e.code}${pointer !== undefined ? ` at ${pointer || '/'}` : ''}: ${e.message}`;
}

function summary(errors: number, warnings: number, report: CheckReport | undefined): string {
  const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
  const c = report?.counts;
  // Scorecards are named only when there are some, so the line of a project without any reads as before.
  const scorecards = c?.scorecards ? `, ${n(c.scorecards, 'scorecard')}` : '';
  const automations = c?.automations ? `, ${n(c.automations, 'automation')}` : '';
  const loaded = c ? ` (${n(c.blueprints, 'blueprint')}, ${n(c.actions, 'action')}${scorecards}${automations}, ${n(c.entities, 'catalog entity').replace('entitys', 'entities')}, ${n(c.sources, 'source')} with ${n(c.mappings, 'mapping')})` : '';
  return errors ? `lattice check: ${n(errors, 'error')}, ${n(warnings, 'warning')}${loaded}` : `lattice check: ok, ${n(warnings, 'warning')}${loaded}`;
}
