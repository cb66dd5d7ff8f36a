/**
 * The typed writes of every blueprint's type: `create<Type>`, `update<Type>`, `delete<Type>`.
 * Input fields go back to Port's keys through the plan's `WritePlan.fields` table (computed
 * once per schema generation); enum values arrive as written (the enums' resolvers map them);
 * dates arrive as Date objects and are written as ISO-8601 strings. The entity writer then
 * validates and writes exactly as for `upsertEntity`, audited the same way.
 */
import type { RequestContext } from '../src/context/index.ts';
import type { EntityPatch } from '../src/model/entities/upsert.ts';
import type { Entity } from '../src/model/entities/entity.ts';
import type { SchemaPlan, TypePlan } from '../src/schema/plan.ts';
import { audited } from './audit.ts';
import { authenticatedCaller } from './caller.ts';
import type { RootFieldResolver } from './types.ts';

type InputObject = Readonly<Record<string, unknown>>;

interface CreateArgs {
  readonly input: InputObject;
}
interface UpdateArgs {
  readonly identifier: string;
  readonly patch: InputObject;
}
interface DeleteArgs {
  readonly identifier: string;
  readonly deleteDependents?: boolean | null;
}

/** A value as the store keeps it: dates as ISO-8601 strings, input objects as plain objects. */
function stored(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stored);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') return { ...value };
  return value;
}

/** Input fields → Port's patch: absent fields are left out, null is kept (it clears in a merge). */
function toPatch(type: TypePlan, identifier: string, input: InputObject): EntityPatch {
  const properties: Record<string, unknown> = {};
  const relations: Record<string, unknown> = {};
  for (const f of type.writes.fields) {
    if (input[f.name] === undefined) continue;
    (f.kind === 'property' ? properties : relations)[f.key] = stored(input[f.name]);
  }
  return {
    blueprint: type.blueprint.identifier,
    identifier,
    ...(input.title !== undefined && { title: input.title as string | null }),
    ...(input.icon !== undefined && { icon: input.icon as string | null }),
    ...(input.team !== undefined && { team: (input.team as string[] | null) ?? [] }),
    properties,
    relations: relations as EntityPatch['relations'],
  };
}

export function writeMutationResolvers(plan: SchemaPlan): Record<string, RootFieldResolver<CreateArgs> | RootFieldResolver<UpdateArgs> | RootFieldResolver<DeleteArgs>> {
  const out: Record<string, RootFieldResolver<CreateArgs> | RootFieldResolver<UpdateArgs> | RootFieldResolver<DeleteArgs>> = {};
  for (const type of plan.types) {
    const w = type.writes;
    const blueprint = type.blueprint.identifier;
    const upsert = (ctx: RequestContext, patch: EntityPatch, options: { merge: boolean; expect: 'absent' | 'present' }) =>
      audited(ctx, { event: 'entity.upsert', target: { blueprint, identifier: patch.identifier } }, () => ctx.writer.upsert(patch, { caller: authenticatedCaller(ctx, 'catalog writes'), ...options }));
    const payload = (e: Entity) => ({ [w.payloadField]: e });
    const create: RootFieldResolver<CreateArgs> = async (_p, { input }, ctx) => payload(await upsert(ctx, toPatch(type, input.identifier as string, input), { merge: false, expect: 'absent' }));
    const update: RootFieldResolver<UpdateArgs> = async (_p, { identifier, patch }, ctx) => payload(await upsert(ctx, toPatch(type, identifier, patch), { merge: true, expect: 'present' }));
    const remove: RootFieldResolver<DeleteArgs> = async (_p, { identifier, deleteDependents }, ctx) => ({
      identifier,
      deleted: await audited(ctx, { event: 'entity.delete', target: { blueprint, identifier } }, () =>
        ctx.writer.delete({ blueprint, identifier }, { caller: authenticatedCaller(ctx, 'catalog writes'), deleteDependents: deleteDependents === true }),
      ),
    });
    out[w.mutations.create] = create;
    out[w.mutations.update] = update;
    out[w.mutations.delete] = remove;
  }
  return out;
}
