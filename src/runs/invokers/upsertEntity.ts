/**
 * The UPSERT_ENTITY invoker: writes an entity into the catalog from the action's rendered
 * `mapping`, with no external backend. `entityFromMapping` is the pure part: the entity input,
 * merged over the entity as it is now (an upsert that maps two properties keeps the others;
 * mapped values win; a mapped null clears a property). `team` may render to a string or a list.
 * The invoker reads the current entity and hands the input to `write` (the catalog's writer,
 * which validates it against the blueprint); the run ends SUCCESS when the write succeeds.
 */
import type { Entity, EntityInput } from '../../model/entities/entity.ts';
import type { UpsertEntityMethod } from '../../model/actions/model.ts';
import type { InvocationContext, InvocationOutcome, Invoker } from '../../data/Invoker.ts';
import { ErrorCodes, LatticeError } from '../../errors/index.ts';

/** The entity input a rendered mapping gives, merged over `existing`. */
export function entityFromMapping(method: UpsertEntityMethod, existing: Entity | undefined): EntityInput {
  const m = method.mapping;
  if (typeof m.identifier !== 'string' || m.identifier === '') {
    throw new LatticeError(ErrorCodes.TEMPLATE_FAILED, `mapping.identifier must render to a non-empty string, got ${JSON.stringify(m.identifier)}`, {
      location: { pointer: '/invocationMethod/mapping/identifier' },
    });
  }
  return {
    blueprint: method.blueprintIdentifier,
    identifier: m.identifier,
    title: m.title === undefined ? (existing?.title ?? null) : m.title === null ? null : String(m.title),
    icon: m.icon === undefined ? (existing?.icon ?? null) : m.icon === null ? null : String(m.icon),
    team: m.team === undefined ? [...(existing?.team ?? [])] : toTeams(m.team),
    properties: { ...(existing?.properties ?? {}), ...(m.properties ?? {}) },
    relations: { ...(existing?.relations ?? {}), ...(m.relations ?? {}) } as EntityInput['relations'],
    origin: 'api',
  };
}

function toTeams(team: unknown): string[] {
  if (team === null) return [];
  if (Array.isArray(team)) return team.filter((t) => t !== null && t !== undefined).map(String);
  return [String(team)];
}

export interface UpsertEntityInvokerOptions {
  /** The entity as stored now, or undefined. */
  read(blueprint: string, identifier: string): Promise<Entity | undefined>;
  /** Writes the entity (validating it); throws to fail the run. */
  write(input: EntityInput): Promise<unknown>;
}

export function upsertEntityInvoker(options: UpsertEntityInvokerOptions): Invoker {
  return async (ctx: InvocationContext): Promise<InvocationOutcome> => {
    const method = ctx.method as UpsertEntityMethod;
    const identifier = method.mapping.identifier;
    const existing = typeof identifier === 'string' && identifier !== '' ? await options.read(method.blueprintIdentifier, identifier) : undefined;
    const input = entityFromMapping(method, existing);
    await options.write(input);
    return { kind: 'completed', status: 'SUCCESS', summary: `${existing ? 'updated' : 'created'} ${input.blueprint} "${input.identifier}"` };
  };
}
