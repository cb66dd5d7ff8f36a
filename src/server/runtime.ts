/**
 * Runtime: the serving generation (blueprint model, schema) and how it is replaced.
 *
 * `reload()` reads the blueprint and catalog folders, builds everything aside, and only when all
 * of it is valid applies the catalog to the store and swaps the schema. A bad change leaves the
 * last good generation serving; its errors (file, line, column) are logged and kept for
 * `/readyz` and `lattice { status errors }`. Reloads run one at a time; requests in flight keep
 * the schema they started with. Each reload's breaking schema changes (schemaChanges.ts) are
 * logged and kept for `/readyz` and `lattice { schemaChanges }`; with `schema.breakingChanges:
 * refuse` a reload that breaks a known operation is refused like an invalid file.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { loadBlueprints, type LoadOptions, type SourceFile } from '../model/blueprints/load.ts';
import type { BlueprintModel } from '../model/blueprints/model.ts';
import type { GatewayStatus } from '../context/index.ts';
import { ErrorCodes, LatticeError, LatticeErrors } from '../errors/index.ts';
import { buildSchema, type SchemaExtension } from '../schema/build.ts';
import { planActions, printActions } from '../schema/actions.ts';
import { createActionSet, type ActionSet } from '../model/actions/model.ts';
import { loadActions } from '../model/actions/load.ts';
import { loadAutomations } from '../model/automations/load.ts';
import { createAutomationSet, type AutomationSet } from '../model/automations/model.ts';
import { loadScorecards } from '../model/scorecards/load.ts';
import { createScorecardSet, type ScorecardSet } from '../model/scorecards/model.ts';
import { fixActionProblems } from '../model/scorecards/fixActions.ts';
import { baseInflection } from '../schema/inflection.ts';
import { planSchema, type SchemaPlan } from '../schema/plan.ts';
import type { EntityStore } from '../data/EntityStore.ts';
import { sameContent, type EntityInput } from '../model/entities/entity.ts';
import type { EntityChange } from '../data/topics.ts';
import { FILE_ORIGIN_PREFIX, loadCatalogFiles } from '../../datasources/catalog/provider.ts';
import { createResolvers } from '../../resolvers/index.ts';
import { breakingChangeErrors, breakingChanges, brokenOperations, type KnownOperation, type SchemaChange } from './schemaChanges.ts';

/** `schema.breakingChanges` and the operations it protects (trusted documents, operations seen). */
export interface SchemaChangePolicy {
  readonly mode: 'report' | 'refuse';
  readonly knownOperations: () => Promise<readonly KnownOperation[]>;
}

export interface Generation {
  readonly plan: SchemaPlan;
  /** The self-service actions defined (schema/actions/). */
  readonly actions: ActionSet;
  /** The automations defined (schema/automations/). */
  readonly automations: AutomationSet;
  /** The scorecards defined (schema/scorecards/), evaluated live at read time. */
  readonly scorecards: ScorecardSet;
  readonly schema: GraphQLSchema;
  readonly sdl: string;
  readonly loadedAt: Date;
  readonly warnings: readonly LatticeError[];
}

const DOCUMENT = /\.(json|ya?ml)$/i;

/** Reads every JSON/YAML file below a folder, sorted by path; paths are relative to `root`. */
export async function readDocuments(dir: string, root: string): Promise<SourceFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir, { recursive: true })).filter((n) => DOCUMENT.test(n)).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return Promise.all(names.map(async (n) => ({ file: path.relative(root, path.join(dir, n)), text: await readFile(path.join(dir, n), 'utf8') })));
}

/** The blueprint files: a folder that is missing, or holds no JSON/YAML file, is an error naming it. */
export async function readBlueprintFiles(dir: string, root: string): Promise<SourceFile[]> {
  if (!(await isDirectory(dir))) throw folderError('blueprints', dir, 'does not exist (set `blueprints:` in lattice.yaml to the folder of your blueprint files)');
  const files = await readDocuments(dir, root);
  if (files.length === 0) throw folderError('blueprints', dir, 'holds no blueprint file (*.json, *.yaml, *.yml): there is nothing to serve');
  return files;
}

/** The catalog files: a missing folder is an error naming it (an empty one is a catalog with no entities). */
export async function readCatalogFiles(dir: string, root: string): Promise<SourceFile[]> {
  if (!(await isDirectory(dir))) throw folderError('catalog', dir, 'does not exist (create it, even empty, or set `catalog:` in lattice.yaml)');
  return readDocuments(dir, root);
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return false;
    throw err;
  }
}

function folderError(what: 'blueprints' | 'catalog', dir: string, problem: string): LatticeError {
  return new LatticeError(ErrorCodes.INVALID_CONFIG, `the ${what} folder ${dir} ${problem}`, { details: { folder: dir } });
}

/** What sources add to a generation's schema, given its plan. */
export type ExtendSchema = (plan: SchemaPlan) => readonly SchemaExtension[];

/** What a generation is built from besides the blueprint files; every part optional. */
export interface GenerationParts {
  readonly extend?: ExtendSchema;
  readonly actionFiles?: readonly SourceFile[];
  readonly scorecardFiles?: readonly SourceFile[];
  /** Automation files (Port format): they name the actions and blueprints above. */
  readonly automationFiles?: readonly SourceFile[];
  /** The blueprint loader's options (`strict`). */
  readonly load?: LoadOptions;
}

/**
 * Blueprint, scorecard and action files → a serving generation (no store writes). Throws
 * LatticeErrors. Scorecards load before actions (gates name them); the actions a scorecard rule
 * names as fixes are checked once both are loaded. The positional form (extend, actionFiles,
 * load) is kept for its callers.
 */
export function buildGeneration(files: readonly SourceFile[], extendOrParts?: ExtendSchema | GenerationParts, actionFiles: readonly SourceFile[] = [], load: LoadOptions = {}): Generation {
  const parts: GenerationParts = typeof extendOrParts === 'object' ? extendOrParts : { extend: extendOrParts, actionFiles, load };
  const { model, warnings } = loadBlueprints(files, parts.load ?? {});
  const scored = parts.scorecardFiles?.length ? loadScorecards(parts.scorecardFiles, model) : { scorecards: createScorecardSet([]), warnings: [] };
  const plan = planSchema(model, baseInflection, scored.scorecards);
  const loaded = loadActions(parts.actionFiles ?? [], model, scored.scorecards);
  const automations = loadAutomations(parts.automationFiles ?? [], model, loaded.actions);
  const fixes = fixActionProblems(scored.scorecards, loaded.actions);
  if (fixes.length > 0) throw new LatticeErrors(fixes);
  const actionFields = planActions(loaded.actions, baseInflection);
  const actionSdl = { typeDefs: printActions(actionFields, baseInflection), resolvers: {} };
  const { schema, sdl } = buildSchema(plan, createResolvers(plan, actionFields), [actionSdl, ...(parts.extend ?? (() => []))(plan)]);
  return { plan, actions: loaded.actions, scorecards: scored.scorecards, automations: automations.automations, schema, sdl, loadedAt: new Date(), warnings: [...warnings, ...plan.warnings, ...scored.warnings, ...loaded.warnings, ...automations.warnings] };
}

export class Runtime {
  private generation: Generation | undefined;
  private errors: readonly LatticeError[] = [];
  private running: Promise<boolean> = Promise.resolve(true);
  private readonly listeners = new Set<(g: Generation) => void>();
  readonly store: EntityStore;
  private readonly dirs: { blueprints: string; catalog: string; root: string };
  private readonly log: Logger;

  private readonly extend: ExtendSchema;
  private readonly actionsDir: string | undefined;
  private readonly automationsDir: string | undefined;
  private readonly scorecardsDir: string | undefined;
  private readonly strict: boolean;
  private readonly onChange: (change: EntityChange) => void;
  private readonly changes: SchemaChangePolicy;
  /** The breaking changes of the latest reload that had any. */
  private schemaChanges: readonly SchemaChange[] = [];
  /** The catalog files' entities as last applied (`blueprint\0identifier` → entity), to tell what a reload changed. */
  private fileEntities: Map<string, EntityInput> | undefined;

  constructor(options: {
    store: EntityStore;
    blueprintsDir: string;
    catalogDir: string;
    actionsDir?: string;
    scorecardsDir?: string;
    automationsDir?: string;
    strict?: boolean;
    root: string;
    log: Logger;
    extend?: ExtendSchema;
    onChange?: (change: EntityChange) => void;
    changes?: SchemaChangePolicy;
  }) {
    this.store = options.store;
    this.changes = options.changes ?? { mode: 'report', knownOperations: async () => [] };
    this.strict = options.strict ?? true;
    this.onChange = options.onChange ?? (() => undefined);
    this.actionsDir = options.actionsDir;
    this.automationsDir = options.automationsDir;
    this.scorecardsDir = options.scorecardsDir;
    this.extend = options.extend ?? (() => []);
    this.dirs = { blueprints: options.blueprintsDir, catalog: options.catalogDir, root: options.root };
    this.log = options.log;
  }

  get current(): Generation | undefined {
    return this.generation;
  }

  actions(): ActionSet {
    return this.generation?.actions ?? createActionSet([]);
  }

  automations(): AutomationSet {
    return this.generation?.automations ?? createAutomationSet([]);
  }

  scorecards(): ScorecardSet {
    return this.generation?.scorecards ?? createScorecardSet([]);
  }

  model(): BlueprintModel {
    if (!this.generation) throw new Error('no schema loaded yet');
    return this.generation.plan.model;
  }

  status(): GatewayStatus {
    return { loadedAt: this.generation?.loadedAt ?? new Date(0), errors: this.errors, warnings: this.generation?.warnings ?? [], schemaChanges: this.schemaChanges };
  }

  onGeneration(listener: (g: Generation) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Loads everything again; resolves true when the new generation serves. Serialized. */
  reload(): Promise<boolean> {
    this.running = this.running.then(() => this.reloadNow());
    return this.running;
  }

  /** `entityChanged` events for what a reload of the catalog files changed (none on the first load). */
  private publishFileChanges(entities: readonly EntityInput[]) {
    const next = new Map(entities.map((e) => [`${e.blueprint}\0${e.identifier}`, e]));
    const previous = this.fileEntities;
    this.fileEntities = next;
    if (!previous) return;
    for (const [key, e] of next) {
      const before = previous.get(key);
      if (!before || !sameContent(before, e)) this.onChange({ blueprint: e.blueprint, identifier: e.identifier, change: 'UPSERTED' });
    }
    for (const [key, e] of previous) if (!next.has(key)) this.onChange({ blueprint: e.blueprint, identifier: e.identifier, change: 'DELETED' });
  }

  /**
   * The breaking changes from the serving generation to `next`; with `refuse`, throws
   * BREAKING_CHANGE errors when they break a known operation (nothing is applied then).
   */
  private async checkChanges(next: Generation): Promise<readonly SchemaChange[]> {
    if (!this.generation) return [];
    const changes = breakingChanges(this.generation.schema, next.schema);
    if (changes.length === 0 || this.changes.mode === 'report') return changes;
    const broken = brokenOperations(this.generation.schema, next.schema, await this.changes.knownOperations());
    if (broken.length > 0) throw new LatticeErrors(breakingChangeErrors(changes, broken));
    return changes;
  }

  private async reloadNow(): Promise<boolean> {
    try {
      const actionFiles = this.actionsDir ? await readDocuments(this.actionsDir, this.dirs.root) : [];
      const automationFiles = this.automationsDir ? await readDocuments(this.automationsDir, this.dirs.root) : [];
      const scorecardFiles = this.scorecardsDir ? await readDocuments(this.scorecardsDir, this.dirs.root) : [];
      const generation = buildGeneration(await readBlueprintFiles(this.dirs.blueprints, this.dirs.root), { extend: this.extend, actionFiles, scorecardFiles, automationFiles, load: { strict: this.strict } });
      const changes = await this.checkChanges(generation);
      const entities = await loadCatalogFiles(await readCatalogFiles(this.dirs.catalog, this.dirs.root), generation.plan.model, this.store);
      const { written, deleted } = await this.store.replaceOrigin(FILE_ORIGIN_PREFIX, entities);
      this.publishFileChanges(entities);
      this.generation = generation;
      this.errors = [];
      if (changes.length > 0) this.schemaChanges = changes;
      for (const c of changes) this.log.warn({ code: 'BREAKING_CHANGE', type: c.type }, `breaking schema change: ${c.description}`);
      for (const w of generation.warnings) this.log.warn({ code: w.code, location: w.location }, `${w.where()}: ${w.message}`);
      this.log.info({ blueprints: generation.plan.model.blueprints.length, entities: entities.length, written, deleted }, 'schema and catalog loaded');
      for (const listener of this.listeners) listener(generation);
      return true;
    } catch (err) {
      this.errors = err instanceof LatticeErrors ? err.errors : [err instanceof LatticeError ? err : new LatticeError(ErrorCodes.STORE_UNAVAILABLE, (err as Error).message, { cause: err })];
      for (const e of this.errors) this.log.error({ code: e.code, location: e.location }, `${e.where() ? `${e.where()}: ` : ''}${e.message}`);
      this.log.error(this.generation ? 'change rejected; the last good schema keeps serving' : 'nothing to serve: no valid schema yet');
      return false;
    }
  }
}
