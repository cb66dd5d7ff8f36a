/**
 * The catalog's EntityWriter: what `upsertEntity` and `deleteEntity` (and UPSERT_ENTITY action
 * runs) do, with Port's entity semantics (docs/entities.md):
 *
 * - upsert: replace (default) or merge (`merge: true`) over the stored entity (upsert.ts in
 *   src/model/entities); the identifier and relation targets follow Port's identifier rule;
 *   validated against the serving model exactly as files are (errors carry the JSON pointer in
 *   `extensions`); the blueprint's permissions checked for API callers (permissions.ts). With
 *   `expect` (the typed create / update mutations) an entity that exists, or does not, is refused
 *   (CONFLICT / NOT_FOUND); a create is written with the store's `insert`, so of concurrent
 *   creates of one identifier (from any replica) exactly one succeeds, the others are CONFLICT.
 * - delete: refused (CONFLICT, naming them) while entities hold a required relation to it;
 *   `deleteDependents` deletes those too, transitively, in one store call.
 * - ownership: an entity a catalog file owns is changed in its file, never through the API
 *   (CONFLICT naming the file); the file provider refuses the converse.
 */
import type { BlueprintModel } from '../../src/model/blueprints/model.ts';
import type { EntityStore, EntityWriter } from '../../src/data/EntityStore.ts';
import type { Entity } from '../../src/model/entities/entity.ts';
import { validateEntity } from '../../src/model/entities/validate.ts';
import { withDefaults } from '../../src/model/blueprints/defaults.ts';
import { entityIdentifierProblems, identifierProblem } from '../../src/model/entities/identifier.ts';
import { applyUpsert } from '../../src/model/entities/upsert.ts';
import { onePerPointer } from '../../src/model/entities/problems.ts';
import { ErrorCodes, LatticeError } from '../../src/errors/index.ts';
import type { EntityChange } from '../../src/data/topics.ts';
import { authorizeEntityWrite } from './permissions.ts';
import { describeDependent, findDependents } from './dependents.ts';
import { FILE_ORIGIN_PREFIX } from './provider.ts';

/** How many dependents an error message names (all of them are in `extensions.dependents`). */
const NAMED_DEPENDENTS = 10;

/** `onChange` is told of every write (for the `entityChanged` subscription). */
export function createCatalogWriter(store: EntityStore, model: () => BlueprintModel, onChange: (change: EntityChange) => Promise<void> = async () => {}): EntityWriter {
  const bad = (message: string, pointer: string, details: Record<string, unknown> = {}) =>
    new LatticeError(ErrorCodes.BAD_USER_INPUT, message, { location: { pointer }, details });

  /** Throws CONFLICT when a catalog file owns the entity. */
  function refuseFileOwned(entity: Entity | undefined, what = 'change it there') {
    if (!entity?.origin.startsWith(FILE_ORIGIN_PREFIX)) return;
    const file = entity.origin.slice(FILE_ORIGIN_PREFIX.length);
    throw new LatticeError(ErrorCodes.CONFLICT, `${entity.blueprint} "${entity.identifier}" is defined in the catalog file ${file}; ${what}`, {
      details: { blueprint: entity.blueprint, identifier: entity.identifier, file, owner: file },
    });
  }

  /** `expect` of UpsertOptions: a create of an entity that exists, an update of one that does not. */
  function refuseUnexpected(key: { blueprint: string; identifier: string }, existing: Entity | undefined, expect: 'absent' | 'present' | undefined): void {
    if (expect === 'absent' && existing) throw alreadyExists(key);
    if (expect === 'present' && !existing) {
      throw new LatticeError(ErrorCodes.NOT_FOUND, `${key.blueprint} "${key.identifier}" does not exist: create it first`, { location: { pointer: '/identifier' }, details: { ...key, argument: 'identifier' } });
    }
  }

  function alreadyExists({ blueprint, identifier }: { blueprint: string; identifier: string }): LatticeError {
    return new LatticeError(ErrorCodes.CONFLICT, `${blueprint} "${identifier}" already exists: update it, or upsert it`, { location: { pointer: '/identifier' }, details: { blueprint, identifier, argument: 'identifier' } });
  }

  return {
    async upsert(patch, { caller, merge = false, expect } = {}) {
      const bp = model().get(patch.blueprint);
      if (!bp) throw bad(`unknown blueprint "${patch.blueprint}"`, '', { argument: 'blueprint' });
      const idProblem = identifierProblem(patch.identifier);
      if (idProblem) throw bad(`${patch.blueprint}: ${idProblem}`, '/identifier', { argument: 'identifier' });
      for (const [arg, v] of [['properties', patch.properties], ['relations', patch.relations]] as const) {
        if (v !== undefined && (typeof v !== 'object' || v === null || Array.isArray(v))) throw bad(`"${arg}" must be a JSON object`, `/${arg}`, { argument: arg });
      }
      const [existing] = await store.getMany(patch.blueprint, [patch.identifier]);
      refuseUnexpected({ blueprint: patch.blueprint, identifier: patch.identifier }, existing, expect);
      const merged = applyUpsert(existing, patch, merge ? 'merge' : 'replace');
      // What will be stored: the blueprint's defaults for the properties it leaves out, and who wrote it.
      const next = { ...merged, properties: withDefaults(bp, merged.properties), ...(caller ? { updatedBy: caller.user } : {}) };
      if (caller) authorizeEntityWrite({ blueprint: bp, caller, existing, next });
      const problems = onePerPointer([
        ...entityIdentifierProblems(next),
        ...(await validateEntity(bp, { properties: { ...next.properties }, relations: { ...next.relations } }, async (target, ids) =>
          (await store.getMany(target, ids)).map((e, i) => e !== undefined || (target === next.blueprint && ids[i] === next.identifier)),
        )),
      ]);
      if (problems.length) {
        const first = problems[0];
        throw bad(`${next.blueprint} "${next.identifier}": ${problems.map((p) => `${p.pointer} ${p.message}`).join('; ')}`, first.pointer, {
          argument: first.pointer.split('/')[1],
          problems,
        });
      }
      refuseFileOwned(existing);
      const written = expect === 'absent' ? await store.insert({ ...next, origin: 'api' }) : (await store.put([{ ...next, origin: 'api' }]))[0];
      // Another create of this identifier got there between the read above and the insert.
      if (written === undefined) throw alreadyExists(patch);
      await onChange({ blueprint: written.blueprint, identifier: written.identifier, change: 'UPSERTED' });
      return written;
    },

    async delete({ blueprint, identifier }, { caller, deleteDependents = false } = {}) {
      const current = model();
      const bp = current.get(blueprint);
      if (!bp) throw bad(`unknown blueprint "${blueprint}"`, '', { argument: 'blueprint' });
      const [existing] = await store.getMany(blueprint, [identifier]);
      if (caller) authorizeEntityWrite({ blueprint: bp, caller, existing });
      refuseFileOwned(existing);
      if (!existing) return false;
      const dependents = await findDependents(store, current, [existing]);
      if (dependents.length && !deleteDependents) {
        const named = dependents.slice(0, NAMED_DEPENDENTS).map(describeDependent).join(', ');
        const more = dependents.length > NAMED_DEPENDENTS ? ` and ${dependents.length - NAMED_DEPENDENTS} more` : '';
        throw new LatticeError(
          ErrorCodes.CONFLICT,
          `${blueprint} "${identifier}" cannot be deleted: ${dependents.length} entit${dependents.length === 1 ? 'y requires' : 'ies require'} it: ${named}${more}. Delete them first, or pass deleteDependents: true to delete them with it`,
          { details: { blueprint, identifier, dependents: dependents.map((d) => ({ blueprint: d.entity.blueprint, identifier: d.entity.identifier, relation: d.relation })) } },
        );
      }
      for (const d of dependents) {
        refuseFileOwned(d.entity, `it requires ${blueprint} "${identifier}" (relation "${d.relation}"): remove it from its file first`);
        const dbp = current.get(d.entity.blueprint);
        if (caller && dbp) authorizeEntityWrite({ blueprint: dbp, caller, existing: d.entity });
      }
      const keys = [{ blueprint, identifier }, ...dependents.map((d) => ({ blueprint: d.entity.blueprint, identifier: d.entity.identifier }))];
      const deleted = await store.delete(keys);
      for (const [i, key] of keys.entries()) if (deleted[i]) await onChange({ ...key, change: 'DELETED' });
      return deleted[0];
    },
  };
}

