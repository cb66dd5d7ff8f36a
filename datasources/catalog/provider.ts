/**
 * The catalog-file provider: reads every entity file of a folder, validates each entity against
 * the model, and hands back the complete set, or every error found. It fetches and maps; it
 * does not write (the runtime applies the set to the store, all or nothing).
 */
import type { BlueprintModel } from '../../src/model/blueprints/model.ts';
import { entityErrors, validateEntity } from '../../src/model/entities/validate.ts';
import { withDefaults } from '../../src/model/blueprints/defaults.ts';
import type { EntityInput } from '../../src/model/entities/entity.ts';
import { ErrorCodes, LatticeError, LatticeErrors } from '../../src/errors/index.ts';
import { parseDocument } from '../../src/model/files/parseDocument.ts';
import type { EntityStore } from '../../src/data/EntityStore.ts';
import { entitiesFromDocument, type FileEntity } from './parse.ts';

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
  // Relation targets may be other file entities, or entities already in the store (API-written).
  const targetExists = async (blueprint: string, ids: readonly string[]) => {
    const missing = ids.filter((id) => !byKey.has(`${blueprint}\0${id}`));
    const stored = missing.length ? await store.getMany(blueprint, missing) : [];
    const inStore = new Set(stored.flatMap((e) => (e ? [e.identifier] : [])));
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
    const problems = await validateEntity(bp, { properties: { ...fe.input.properties }, relations: { ...fe.input.relations } }, targetExists);
    errors.push(...entityErrors(fe.input, problems, fe.locate));
  }
  if (errors.length) throw new LatticeErrors(errors);
  // Stored with the blueprint's defaults for absent properties (the model knows every blueprint here).
  return [...byKey.values()].map(({ input }) => {
    const bp = model.get(input.blueprint);
    return bp ? { ...input, properties: withDefaults(bp, input.properties) } : input;
  });
}
