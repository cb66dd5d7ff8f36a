/**
 * Catalog entity files → entity inputs, each with a way to locate its parts in the file.
 *
 * A file (JSON or YAML) holds one of:
 *   - one entity with a `blueprint` field:       { "blueprint": "Component", "identifier": … }
 *   - a list of such entities:                   [ { "blueprint": …, … }, … ]
 *   - entities grouped by blueprint (the seed):  { "Component": [ { "identifier": … } ], … }
 *   - a Port API response, as Port's API returns entities (an export of a Port organisation):
 *       { "ok": true, "entities": [ { "identifier": …, "blueprint": …, … } ] }   (GET …/entities, search)
 *       { "ok": true, "entity": { … } }                                         (GET …/entities/{id})
 *
 * Entities are in Port's entity JSON shape. Port's read-only fields (`createdAt`, `createdBy`,
 * `updatedAt`, `updatedBy`) are accepted and ignored: the store sets its own timestamps. The
 * identifier must follow Port's identifier rule (src/model/entities/identifier.ts).
 */
import type { EntityInput } from '../../src/model/entities/entity.ts';
import { ErrorCodes, LatticeError, type ErrorLocation } from '../../src/errors/index.ts';
import { toPointer, type ParsedDocument } from '../../src/model/files/parseDocument.ts';
import { identifierProblem } from '../../src/model/entities/identifier.ts';
import { isPortResponse } from '../../src/model/files/portResponse.ts';

export interface FileEntity {
  readonly input: EntityInput;
  /** Locates a pointer relative to the entity ("/properties/type") in the file. */
  locate(pointer: string): ErrorLocation;
}

const KNOWN_KEYS = new Set(['identifier', 'title', 'icon', 'team', 'blueprint', 'properties', 'relations']);
/** Fields of Port's entity JSON that Port sets itself: accepted in files, not kept. */
const PORT_READ_ONLY_KEYS = new Set(['createdAt', 'createdBy', 'updatedAt', 'updatedBy']);

export function entitiesFromDocument(doc: ParsedDocument, origin: string): { entities: FileEntity[]; errors: LatticeError[] } {
  const entities: FileEntity[] = [];
  const errors: LatticeError[] = [];
  const fail = (pointer: string, message: string) => errors.push(new LatticeError(ErrorCodes.INVALID_ENTITY, message, { location: doc.locate(pointer) }));

  const take = (raw: unknown, pointer: string, groupBlueprint?: string) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail(pointer, 'expected an entity object');
    const e = raw as Record<string, unknown>;
    const blueprint = e.blueprint ?? groupBlueprint;
    if (e.identifier === undefined) return fail(pointer, 'entity has no "identifier"');
    const idProblem = identifierProblem(e.identifier);
    if (idProblem) return fail(`${pointer}/identifier`, `entity ${idProblem}`);
    if (typeof e.identifier !== 'string') return;
    if (typeof blueprint !== 'string') return fail(pointer, `entity "${e.identifier}" has no "blueprint"`);
    if (groupBlueprint && e.blueprint !== undefined && e.blueprint !== groupBlueprint) {
      return fail(`${pointer}/blueprint`, `entity "${e.identifier}" says blueprint "${String(e.blueprint)}" but is listed under "${groupBlueprint}"`);
    }
    for (const k of Object.keys(e)) if (!KNOWN_KEYS.has(k) && !PORT_READ_ONLY_KEYS.has(k)) return fail(`${pointer}/${k}`, `entity "${e.identifier}": unknown key "${k}"`);
    const check = (k: string, ok: boolean, what: string) => (ok ? true : (fail(`${pointer}/${k}`, `entity "${e.identifier}": "${k}" must be ${what}`), false));
    const obj = (v: unknown) => v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v));
    if (!check('title', e.title === undefined || e.title === null || typeof e.title === 'string', 'a string')) return;
    if (!check('icon', e.icon === undefined || e.icon === null || typeof e.icon === 'string', 'a string')) return;
    if (!check('team', e.team === undefined || typeof e.team === 'string' || (Array.isArray(e.team) && e.team.every((t) => typeof t === 'string')), 'a string or a list of strings')) return;
    if (!check('properties', obj(e.properties), 'an object')) return;
    if (!check('relations', obj(e.relations), 'an object')) return;
    entities.push({
      input: {
        blueprint,
        identifier: e.identifier,
        title: (e.title as string | undefined) ?? null,
        icon: (e.icon as string | undefined) ?? null,
        team: typeof e.team === 'string' ? [e.team] : ((e.team as string[] | undefined) ?? []),
        properties: (e.properties as Record<string, unknown> | undefined) ?? {},
        relations: (e.relations as EntityInput['relations'] | undefined) ?? {},
        origin,
      },
      locate: (p) => doc.locate(pointer + p),
    });
  };

  const value = doc.value;
  if (Array.isArray(value)) value.forEach((v, i) => take(v, toPointer([i])));
  else if (value && typeof value === 'object' && 'identifier' in value) take(value, '');
  else if (isPortResponse(value)) {
    if (Array.isArray(value.entities)) value.entities.forEach((v, i) => take(v, toPointer(['entities', i])));
    else if (value.entity !== undefined) take(value.entity, '/entity');
    else if (value.blueprints !== undefined) fail('', 'this Port API response holds blueprints: put it in the blueprints folder');
    else fail('', 'a Port API response ("ok": true) must hold "entities" (a list) or "entity" (an object)');
  }
  else if (value && typeof value === 'object') {
    for (const [blueprint, list] of Object.entries(value)) {
      if (!Array.isArray(list)) {
        fail(toPointer([blueprint]), `expected a list of "${blueprint}" entities`);
        continue;
      }
      list.forEach((v, i) => take(v, toPointer([blueprint, i]), blueprint));
    }
  } else fail('', 'expected an entity, a list of entities, entities grouped by blueprint, or a Port API response');
  return { entities, errors };
}

