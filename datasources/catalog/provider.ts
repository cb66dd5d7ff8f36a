/**
 * The catalog-file provider: reads every entity file of a folder, validates each entity against
 * the model, and hands back the complete set, or every error found. It fetches and maps; it
 * does not write (the runtime applies the set to the store, all or nothing).
 *
 * Besides each entity's own validity (Port's identifier rule, its blueprint), the set as a whole
 * is refused when it would take over an entity written through the API (CONFLICT naming both
 * owners) or remove an entity that an API-written entity requires (DANGLING_RELATION).
 */
import type { BlueprintModel } from '../../src/model/blueprints/model.ts';
import { entityErrors, validateEntity } from '../../src/model/entities/validate.ts';
import { withDefaults } from '../../src/model/blueprints/defaults.ts';
import type { Entity, EntityInput } from '../../src/model/entities/entity.ts';
import { entityIdentifierProblems } from '../../src/model/entities/identifier.ts';
import { onePerPointer } from '../../src/model/entities/problems.ts';
import { ErrorCodes, LatticeError, LatticeErrors } from '../../src/errors/index.ts';
import { parseDocument } from '../../src/model/files/parseDocument.ts';
import type { EntityStore } from '../../src/data/EntityStore.ts';
import { entitiesFromDocument, type FileEntity } from './parse.ts';
import { directDependents } from './dependents.ts';

export const FILE_ORIGIN_PREFIX = 'file:';

export interface CatalogFile {
  readonly file: string;
  readonly text: string;
}

/** Parses and validates catalog files; throws LatticeErrors with every problem. */
export async function loadCatalogFiles(files: readonly CatalogFile[], model: BlueprintModel, store: EntityStore): Promise<EntityInput[]> {
  const errors: LatticeError[] = [];
  const all: FileEntity[] = [];
  for (const { file, text } of files) {
    try {
      const { entities, errors: e } = entitiesFromDocument(parseDocument(file, text), `${FILE_ORIGIN_PREFIX}${file}`);
      all.push(...entities);
      errors.push(...e);
    } catch (err) {
      errors.push(err as LatticeError);
    }
  }
  const byKey = new Map<string, FileEntity>();
  for (const fe of all) {
    const key = `${fe.input.blueprint}\0${fe.input.identifier}`;
    const first = byKey.get(key);
    if (first) {
      errors.push(
        new LatticeError(ErrorCodes.INVALID_ENTITY, `${fe.input.blueprint} "${fe.input.identifier}" is defined twice; first in ${first.input.origin.slice(FILE_ORIGIN_PREFIX.length)}`, {
          location: fe.locate('/identifier'),
        }),
      );
    } else byKey.set(key, fe);
  }
  // Relation targets may be other file entities, or entities in the store that no file owns (API-written):
  // the file set replaces every file-owned entity, so one that left the files is no target any more.
  const targetExists = async (blueprint: string, ids: readonly string[]) => {
    const missing = ids.filter((id) => !byKey.has(`${blueprint}\0${id}`));
    const stored = missing.length ? await store.getMany(blueprint, missing) : [];
    const inStore = new Set(stored.flatMap((e) => (e && !isFileOwned(e) ? [e.identifier] : [])));
    return ids.map((id) => byKey.has(`${blueprint}\0${id}`) || inStore.has(id));
  };
  for (const fe of byKey.values()) {
    const bp = model.get(fe.input.blueprint);
    if (!bp) {
      errors.push(
        new LatticeError(ErrorCodes.INVALID_ENTITY, `${fe.input.blueprint} "${fe.input.identifier}": unknown blueprint "${fe.input.blueprint}"; known: ${model.blueprints.map((b) => b.identifier).join(', ')}`, {
          location: fe.locate('/blueprint'),
        }),
      );
      continue;
    }
    const problems = onePerPointer([
      ...entityIdentifierProblems(fe.input),
      ...(await validateEntity(bp, { properties: { ...fe.input.properties }, relations: { ...fe.input.relations } }, targetExists)),
    ]);
    errors.push(...entityErrors(fe.input, problems, fe.locate));
  }
  errors.push(...(await ownershipCollisions([...byKey.values()], store)));
  if (errors.length === 0) errors.push(...(await danglingRemovals(byKey, model, store)));
  if (errors.length) throw new LatticeErrors(errors);
  // Stored with the blueprint's defaults for absent properties (the model knows every blueprint here).
  return [...byKey.values()].map(({ input }) => {
    const bp = model.get(input.blueprint);
    return bp ? { ...input, properties: withDefaults(bp, input.properties) } : input;
  });
}

function isFileOwned(e: Entity): boolean {
  return e.origin.startsWith(FILE_ORIGIN_PREFIX);
}

/** Who owns an entity, in words: the file's path, or `api`. */
function ownerOf(origin: string): string {
  return origin.startsWith(FILE_ORIGIN_PREFIX) ? origin.slice(FILE_ORIGIN_PREFIX.length) : origin;
}

/**
 * File entities whose identifier an entity written through the API already has: a CONFLICT each,
 * naming both owners. An entity has one owner; the file never takes the API's entity over.
 */
async function ownershipCollisions(fileEntities: readonly FileEntity[], store: EntityStore): Promise<LatticeError[]> {
  const errors: LatticeError[] = [];
  for (const [blueprint, group] of Map.groupBy(fileEntities, (fe) => fe.input.blueprint)) {
    const stored = await store.getMany(blueprint, group.map((fe) => fe.input.identifier));
    group.forEach((fe, i) => {
      const other = stored[i];
      if (!other || isFileOwned(other)) return;
      const file = ownerOf(fe.input.origin);
      errors.push(
        new LatticeError(
          ErrorCodes.CONFLICT,
          `${blueprint} "${fe.input.identifier}" is defined in ${file} but already exists, written through the API (owner: ${ownerOf(other.origin)}); an entity has one owner: remove it from the file, or delete the API entity first`,
          { location: fe.locate('/identifier'), details: { blueprint, identifier: fe.input.identifier, owners: [file, ownerOf(other.origin)] } },
        ),
      );
    });
  }
  return errors;
}

/**
 * Entities that leave the catalog files while an entity no file owns (API-written) still holds a
 * required relation to them: a DANGLING_RELATION each, located in the file that defined the target.
 * (File entities that point at a removed target fail their own validation above.)
 */
async function danglingRemovals(kept: ReadonlyMap<string, FileEntity>, model: BlueprintModel, store: EntityStore): Promise<LatticeError[]> {
  const targets = [...new Set(model.blueprints.flatMap((bp) => Object.values(bp.relations).flatMap((r) => (r.required ? [r.target] : []))))];
  const removed: Entity[] = [];
  for (const blueprint of targets) {
    for (const e of await store.list(blueprint)) if (isFileOwned(e) && !kept.has(`${e.blueprint}\0${e.identifier}`)) removed.push(e);
  }
  if (removed.length === 0) return [];
  const byKey = new Map(removed.map((e) => [`${e.blueprint}\0${e.identifier}`, e]));
  return (await directDependents(store, model, removed))
    .filter((d) => !isFileOwned(d.entity))
    .map((d) => {
      const file = ownerOf((byKey.get(`${d.on.blueprint}\0${d.on.identifier}`) as Entity).origin);
      return new LatticeError(
        ErrorCodes.DANGLING_RELATION,
        `${d.on.blueprint} "${d.on.identifier}" was removed from ${file}, but ${d.entity.blueprint} "${d.entity.identifier}" (owner: ${ownerOf(d.entity.origin)}) requires it through its required relation "${d.relation}"; change or delete ${d.entity.blueprint} "${d.entity.identifier}" first, or keep ${d.on.blueprint} "${d.on.identifier}"`,
        { location: { file }, details: { blueprint: d.on.blueprint, identifier: d.on.identifier, dependent: { blueprint: d.entity.blueprint, identifier: d.entity.identifier, relation: d.relation } } },
      );
    });
}
