/**
 * The catalog's EntityWriter: what `upsertEntity` and `deleteEntity` do. Validates against the
 * serving model exactly as files are validated (errors carry the JSON pointer in `extensions`),
 * refuses to change entities that a catalog file owns, checks the blueprint's permissions for
 * API callers (permissions.ts), and writes to the store.
 */
import type { BlueprintModel } from '../../src/model/blueprints/model.ts';
import type { EntityWriter } from '../../src/data/EntityStore.ts';
import { validateEntity } from '../../src/model/entities/validate.ts';
import { withDefaults } from '../../src/model/blueprints/defaults.ts';
import { ErrorCodes, LatticeError } from '../../src/errors/index.ts';
import type { EntityStore } from '../../src/data/EntityStore.ts';
import type { EntityChange } from '../../src/data/topics.ts';
import { authorizeEntityWrite } from './permissions.ts';
import { FILE_ORIGIN_PREFIX } from './provider.ts';

/** `onChange` is told of every write (for the `entityChanged` subscription). */
export function createCatalogWriter(store: EntityStore, model: () => BlueprintModel, onChange: (change: EntityChange) => Promise<void> = async () => {}): EntityWriter {
  const bad = (message: string, pointer: string, details: Record<string, unknown> = {}) =>
    new LatticeError(ErrorCodes.BAD_USER_INPUT, message, { location: { pointer }, details });

  async function ownedByApi(blueprint: string, identifier: string) {
    const [existing] = await store.getMany(blueprint, [identifier]);
    if (existing?.origin.startsWith(FILE_ORIGIN_PREFIX)) {
      const file = existing.origin.slice(FILE_ORIGIN_PREFIX.length);
      throw new LatticeError(ErrorCodes.CONFLICT, `${blueprint} "${identifier}" is defined in the catalog file ${file}; change it there`, { details: { blueprint, identifier, file } });
    }
    return existing;
  }

  return {
    async upsert(given, caller) {
      const bp = model().get(given.blueprint);
      if (!bp) throw bad(`unknown blueprint "${given.blueprint}"`, '', { argument: 'blueprint' });
      // What will be stored: the blueprint's defaults for absent properties, and who wrote it.
      const properties = typeof given.properties === 'object' && given.properties !== null && !Array.isArray(given.properties) ? withDefaults(bp, given.properties) : given.properties;
      const input = { ...given, properties, ...(caller ? { updatedBy: caller.user } : {}) };
      if (caller) authorizeEntityWrite({ blueprint: bp, caller, existing: (await store.getMany(given.blueprint, [given.identifier]))[0], next: given });
      if (!input.identifier) throw bad('identifier must not be empty', '', { argument: 'identifier' });
      for (const [arg, v] of [['properties', input.properties], ['relations', input.relations]] as const) {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(`"${arg}" must be a JSON object`, `/${arg}`, { argument: arg });
      }
      const problems = await validateEntity(bp, { properties: { ...input.properties }, relations: { ...input.relations } }, async (target, ids) =>
        (await store.getMany(target, ids)).map((e, i) => e !== undefined || (target === input.blueprint && ids[i] === input.identifier)),
      );
      if (problems.length) {
        const first = problems[0];
        throw bad(`${input.blueprint} "${input.identifier}": ${problems.map((p) => `${p.pointer} ${p.message}`).join('; ')}`, first.pointer, {
          argument: first.pointer.split('/')[1],
          problems,
        });
      }
      await ownedByApi(input.blueprint, input.identifier);
      const [written] = await store.put([{ ...input, origin: 'api' }]);
      await onChange({ blueprint: written.blueprint, identifier: written.identifier, change: 'UPSERTED' });
      return written;
    },
    async delete({ blueprint, identifier }, caller) {
      const bp = model().get(blueprint);
      if (!bp) throw bad(`unknown blueprint "${blueprint}"`, '', { argument: 'blueprint' });
      if (caller) authorizeEntityWrite({ blueprint: bp, caller, existing: (await store.getMany(blueprint, [identifier]))[0] });
      await ownedByApi(blueprint, identifier);
      const [deleted] = await store.delete([{ blueprint, identifier }]);
      if (deleted) await onChange({ blueprint, identifier, change: 'DELETED' });
      return deleted;
    },
  };
}
