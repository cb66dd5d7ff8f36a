/**
 * checkProject: everything the gateway would load, validated the way it loads it, without
 * serving, opening a store or calling an upstream. The core of `lattice check` (check.ts), also
 * run by `npm run conformance` over Port's corpus.
 *
 * Stages, each with the same loaders `npm start` uses: every file parsed (syntax errors, and
 * duplicated JSON keys as warnings: the last one wins, as in Port's API), then blueprints + actions
 * + the generated schema (`buildGeneration`: meta-schema, model rules, naming collisions), then the
 * catalog files against that model (into a throw-away in-memory store), then every source's
 * `resources` compiled (`compileMapping`) and checked against the blueprints they feed. A stage
 * that needs the blueprints is skipped, and says so, when they do not load. Problems are data:
 * the report lists every one with its location; nothing throws for bad input.
 */
import type { SourceConfig } from '../config/types.ts';
import { compileMapping } from '../data/mapping.ts';
import { MemoryEntityStore } from '../data/memory/MemoryEntityStore.ts';
import { ErrorCodes, LatticeError, LatticeErrors, type ErrorLocation } from '../errors/index.ts';
import type { BlueprintModel } from '../model/blueprints/model.ts';
import type { SourceFile } from '../model/files/definitions.ts';
import { duplicateKeys } from '../model/files/duplicateKeys.ts';
import { isYamlFile } from '../model/files/parseDocument.ts';
import { buildGeneration } from '../server/runtime.ts';
import { PLUGINS } from '../server/sources.ts';
import { loadCatalogFiles } from '../../datasources/catalog/provider.ts';

export interface ProjectFiles {
  readonly blueprints: readonly SourceFile[];
  readonly catalog?: readonly SourceFile[];
  readonly actions?: readonly SourceFile[];
  readonly scorecards?: readonly SourceFile[];
  readonly automations?: readonly SourceFile[];
  /** The `sources:` of lattice.yaml, and a way to locate their pointers in that file. */
  readonly sources?: readonly SourceConfig[];
  readonly locateConfig?: (pointer: string) => ErrorLocation;
}

export interface CheckReport {
  readonly errors: readonly LatticeError[];
  readonly warnings: readonly LatticeError[];
  /** What loaded (0 for a stage that did not run). */
  readonly counts: { readonly blueprints: number; readonly actions: number; readonly scorecards: number; readonly automations: number; readonly entities: number; readonly sources: number; readonly mappings: number };
  /** Stages that did not run, and why (e.g. "catalog: not checked, the blueprints do not load"). */
  readonly skipped: readonly string[];
  /** The blueprint model, when the blueprints loaded. */
  readonly model: BlueprintModel | undefined;
}

/** Problems of a thrown error, as a list (LatticeErrors → its errors; anything else → one INTERNAL-looking error). */
function problemsOf(err: unknown): LatticeError[] {
  if (err instanceof LatticeErrors) return [...err.errors];
  if (err instanceof LatticeError) return [err];
  return [new LatticeError(ErrorCodes.INVALID_CONFIG, (err as Error).message ?? String(err), { cause: err })];
}

export async function checkProject(files: ProjectFiles): Promise<CheckReport> {
  const errors: LatticeError[] = [];
  const warnings: LatticeError[] = [];
  const skipped: string[] = [];
  const counts = { blueprints: 0, actions: 0, scorecards: 0, automations: 0, entities: 0, sources: 0, mappings: 0 };

  const all = [...files.blueprints, ...(files.catalog ?? []), ...(files.actions ?? []), ...(files.scorecards ?? []), ...(files.automations ?? [])];
  for (const f of all) if (!isYamlFile(f.file)) warnings.push(...duplicateKeys(f.file, f.text));

  let model: BlueprintModel | undefined;
  try {
    const generation = buildGeneration(files.blueprints, { actionFiles: files.actions ?? [], scorecardFiles: files.scorecards ?? [], automationFiles: files.automations ?? [] });
    model = generation.plan.model;
    warnings.push(...generation.warnings);
    counts.blueprints = model.blueprints.length;
    counts.actions = generation.actions.actions.length;
    counts.scorecards = generation.scorecards.scorecards.length;
    counts.automations = generation.automations.automations.length;
  } catch (err) {
    errors.push(...problemsOf(err));
  }

  if (!model) {
    if (files.actions?.length) skipped.push(`actions: ${files.actions.length} file(s) not checked, the blueprints do not load`);
    if (files.scorecards?.length) skipped.push(`scorecards: ${files.scorecards.length} file(s) not checked, the blueprints do not load`);
    if (files.automations?.length) skipped.push(`automations: ${files.automations.length} file(s) not checked, the blueprints do not load`);
    if (files.catalog?.length) skipped.push(`catalog: ${files.catalog.length} file(s) not checked, the blueprints do not load`);
    if (files.sources?.length) skipped.push(`sources: ${files.sources.length} source(s) not checked against the blueprints, which do not load`);
  }

  if (model && files.catalog?.length) {
    try {
      counts.entities = (await loadCatalogFiles(files.catalog, model, new MemoryEntityStore())).length;
    } catch (err) {
      errors.push(...problemsOf(err));
    }
  }

  const sources = checkSources(files.sources ?? [], model, files.locateConfig ?? ((pointer) => ({ pointer })));
  errors.push(...sources.errors);
  warnings.push(...sources.warnings);
  counts.sources = files.sources?.length ?? 0;
  counts.mappings = sources.mappings;

  return { errors, warnings, counts, skipped, model };
}

/**
 * Every source: a known kind, a unique name, each `resources[]` entry compiled; when the model is
 * known, a constant `blueprint` must name one of its blueprints (an error), and mapped properties
 * and relations should exist on it (a warning: the entity would carry them unused).
 */
function checkSources(sources: readonly SourceConfig[], model: BlueprintModel | undefined, locate: (pointer: string) => ErrorLocation) {
  const errors: LatticeError[] = [];
  const warnings: LatticeError[] = [];
  const names = new Set<string>();
  const kinds = PLUGINS.map((p) => p.kind);
  let mappings = 0;
  const fail = (list: LatticeError[], pointer: string, message: string) => list.push(new LatticeError(ErrorCodes.INVALID_CONFIG, message, { location: locate(pointer) }));
  for (const source of sources) {
    if (!kinds.includes(source.kind)) fail(errors, `${source.pointer}/kind`, `source "${source.name}": unknown kind "${source.kind}"; known: ${kinds.join(', ')}`);
    if (names.has(source.name)) fail(errors, `${source.pointer}/name`, `two sources are named "${source.name}"`);
    names.add(source.name);
    source.resources.forEach((resource, i) => {
      const at = `${source.pointer}/resources/${i}`;
      let mapping;
      try {
        mapping = compileMapping(resource, `source:${source.name}`, at);
      } catch (err) {
        for (const e of problemsOf(err)) errors.push(new LatticeError(e.code, e.message, { location: locate(e.location?.pointer ?? at), cause: e }));
        return;
      }
      mappings++;
      if (!model) return;
      for (const target of mapping.targets) {
        if (target.blueprint === undefined) continue;
        const where = `${at}${target.pointer}`;
        const bp = model.get(target.blueprint);
        if (!bp) {
          fail(errors, `${where}/blueprint`, `source "${source.name}": resource "${resource.kind}" maps to blueprint "${target.blueprint}", which is not defined; known: ${model.blueprints.map((b) => b.identifier).join(', ')}`);
          continue;
        }
        for (const p of target.properties) {
          if (!(p in bp.properties)) fail(warnings, `${where}/properties/${p}`, `source "${source.name}": blueprint "${bp.identifier}" has no property "${p}"; the mapped value is not used`);
        }
        for (const r of target.relations) {
          if (!(r in bp.relations)) fail(warnings, `${where}/relations/${r}`, `source "${source.name}": blueprint "${bp.identifier}" has no relation "${r}"; the mapped value is not used`);
        }
      }
    });
  }
  return { errors, warnings, mappings };
}
