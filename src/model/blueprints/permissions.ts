/**
 * Catalog write permissions of a blueprint, in the shape of Port's blueprint permissions
 * (`entities: { register, update, unregister, updateProperties, updateRelations }`, each rule
 * `{ roles, users, teams, ownedByTeam }`), written in the blueprint file under `permissions`.
 *
 * Safe by default: an operation with no rule is permitted to the `Admin` role only, and the
 * `Admin` role may always write (as in Port). `updateProperties` / `updateRelations` name single
 * properties or relations a caller may change without the whole `update` permission.
 */
import { ADMIN_ROLE, type PermissionRule } from '../actions/model.ts';

export const CATALOG_OPERATIONS = ['register', 'update', 'unregister'] as const;
export type CatalogOperation = (typeof CATALOG_OPERATIONS)[number];

export interface CatalogPermissions {
  readonly register: PermissionRule;
  readonly update: PermissionRule;
  readonly unregister: PermissionRule;
  /** Property identifier → who may change that property alone. */
  readonly updateProperties: Readonly<Record<string, PermissionRule>>;
  /** Relation identifier → who may change that relation alone. */
  readonly updateRelations: Readonly<Record<string, PermissionRule>>;
}

/** Nobody but the `Admin` role (who may always write). */
export const ADMIN_ONLY: PermissionRule = Object.freeze({ roles: Object.freeze([ADMIN_ROLE]), users: Object.freeze([]), teams: Object.freeze([]), ownedByTeam: false, policy: null });

export const DEFAULT_CATALOG_PERMISSIONS: CatalogPermissions = Object.freeze({
  register: ADMIN_ONLY,
  update: ADMIN_ONLY,
  unregister: ADMIN_ONLY,
  updateProperties: Object.freeze({}),
  updateRelations: Object.freeze({}),
});

const ruleSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    roles: { type: 'array', items: { type: 'string', minLength: 1 } },
    users: { type: 'array', items: { type: 'string', minLength: 1 } },
    teams: { type: 'array', items: { type: 'string', minLength: 1 } },
    ownedByTeam: { type: 'boolean' },
  },
};

/** The JSON Schema of the `permissions` key (strict: a misspelt key is an error, not a warning). */
export const permissionsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['entities'],
  properties: {
    entities: {
      type: 'object',
      additionalProperties: false,
      properties: {
        register: ruleSchema,
        update: ruleSchema,
        unregister: ruleSchema,
        updateProperties: { type: 'object', additionalProperties: ruleSchema },
        updateRelations: { type: 'object', additionalProperties: ruleSchema },
      },
    },
  },
};

type WrittenRule = Partial<PermissionRule>;
interface WrittenPermissions {
  readonly entities: {
    readonly register?: WrittenRule;
    readonly update?: WrittenRule;
    readonly unregister?: WrittenRule;
    readonly updateProperties?: Readonly<Record<string, WrittenRule>>;
    readonly updateRelations?: Readonly<Record<string, WrittenRule>>;
  };
}

const rule = (r: WrittenRule | undefined): PermissionRule =>
  r ? { roles: r.roles ?? [], users: r.users ?? [], teams: r.teams ?? [], ownedByTeam: r.ownedByTeam === true, policy: null } : ADMIN_ONLY;

/** The permissions as written (already checked against `permissionsSchema`), defaults filled in. */
export function toCatalogPermissions(raw: unknown): CatalogPermissions {
  if (!raw) return DEFAULT_CATALOG_PERMISSIONS;
  const { entities } = raw as WrittenPermissions;
  const rules = (o: Readonly<Record<string, WrittenRule>> | undefined) => Object.fromEntries(Object.entries(o ?? {}).map(([k, r]) => [k, rule(r)]));
  return {
    register: rule(entities.register),
    update: rule(entities.update),
    unregister: rule(entities.unregister),
    updateProperties: rules(entities.updateProperties),
    updateRelations: rules(entities.updateRelations),
  };
}
