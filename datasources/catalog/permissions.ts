/**
 * authorizeEntityWrite: may this caller register, update or unregister this entity? Pure: the
 * blueprint's permissions (src/model/blueprints/permissions.ts), the caller, the entity as stored
 * now and the one to be written. Throws FORBIDDEN naming the blueprint, the operation and what it
 * requires; returns the operation when allowed.
 *
 * - register (no stored entity): `register`; `ownedByTeam` means the new entity's team is one of
 *   the caller's.
 * - update: `update` (`ownedByTeam`: the stored entity's team is one of the caller's); or, when
 *   only some properties and relations change (title, icon and team unchanged), the
 *   `updateProperties` / `updateRelations` rule of each one changed.
 * - unregister: `unregister`, `ownedByTeam` on the stored entity's team.
 * - The `Admin` role may always write.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Caller } from '../../src/data/run.ts';
import { ErrorCodes, LatticeError } from '../../src/errors/index.ts';
import { ADMIN_ROLE, type PermissionRule } from '../../src/model/actions/model.ts';
import type { Blueprint } from '../../src/model/blueprints/model.ts';
import type { CatalogOperation } from '../../src/model/blueprints/permissions.ts';
import type { Entity, EntityInput } from '../../src/model/entities/entity.ts';
import { isAdmin, matchesRule } from '../../src/runs/permissions.ts';

export interface EntityWriteRequest {
  readonly blueprint: Blueprint;
  readonly caller: Caller;
  /** The entity as stored now (undefined: it does not exist). */
  readonly existing: Entity | undefined;
  /** What is to be written; undefined for unregister. */
  readonly next?: Omit<EntityInput, 'origin'>;
}

export function authorizeEntityWrite({ blueprint, caller, existing, next }: EntityWriteRequest): CatalogOperation {
  const operation: CatalogOperation = next === undefined ? 'unregister' : existing === undefined ? 'register' : 'update';
  if (isAdmin(caller)) return operation;
  const { permissions } = blueprint;
  const teams = operation === 'register' ? (next?.team ?? []) : (existing?.team ?? []);
  if (matchesRule(permissions[operation], caller, teams)) return operation;
  if (operation === 'update' && existing && next && changesAllowedOneByOne(blueprint, caller, existing, next)) return operation;
  throw new LatticeError(ErrorCodes.FORBIDDEN, `${caller.user} may not ${operation} ${blueprint.identifier} entities: ${describeRule(permissions[operation], `entities.${operation}`)}`, {
    details: { blueprint: blueprint.identifier, operation, required: requirement(permissions[operation]) },
  });
}

/** True when something changes, only properties and relations change, and each has a rule the caller matches. */
function changesAllowedOneByOne(blueprint: Blueprint, caller: Caller, existing: Entity, next: Omit<EntityInput, 'origin'>): boolean {
  if (existing.title !== next.title || existing.icon !== next.icon || !isDeepStrictEqual([...existing.team], [...next.team])) return false;
  const changed = (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>) =>
    [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !isDeepStrictEqual(a[k] ?? null, b[k] ?? null));
  const properties = changed(existing.properties, next.properties);
  const relations = changed(existing.relations, next.relations);
  if (properties.length + relations.length === 0) return false;
  const ok = (rule: PermissionRule | undefined) => rule !== undefined && matchesRule(rule, caller, existing.team);
  return properties.every((p) => ok(blueprint.permissions.updateProperties[p])) && relations.every((r) => ok(blueprint.permissions.updateRelations[r]));
}

function requirement(rule: PermissionRule) {
  return { roles: [ADMIN_ROLE, ...rule.roles.filter((r) => r !== ADMIN_ROLE)], teams: rule.teams, users: rule.users.length, ownedByTeam: rule.ownedByTeam };
}

/** What the rule requires, in words (listed users are counted, not named: the message goes to the caller). */
function describeRule(rule: PermissionRule, key: string): string {
  const r = requirement(rule);
  const parts = [`one of the roles ${r.roles.join(', ')}`];
  if (r.teams.length) parts.push(`membership of one of the teams ${r.teams.join(', ')}`);
  if (r.users) parts.push(`being one of the ${r.users} users listed`);
  if (r.ownedByTeam) parts.push("membership of a team that owns the entity (its `team`)");
  return `the blueprint's permissions (${key}) require ${parts.join(', or ')}`;
}
