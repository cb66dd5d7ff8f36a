/**
 * Root fields: one entity and one connection per blueprint, plus `entity`, `node`,
 * `blueprints`, `search` and `lattice`; and the catalog mutations.
 */
import type { RequestContext } from '../src/context/index.ts';
import type { Entity } from '../src/model/entities/entity.ts';
import type { LatticeError } from '../src/errors/index.ts';
import { connectionFrom } from '../src/model/query/connection.ts';
import { candidateBlueprints, checkRuleQuery, evaluateRules, parseRuleQuery, ruleQueryError } from '../src/model/query/portRules.ts';
import { ruleSyntaxProblems } from '../src/model/query/ruleSyntax.ts';
import { scorecardDefinitions, scorecardRuleContext } from './scorecards.ts';
import type { SchemaPlan } from '../src/schema/plan.ts';
import { connect, type ConnectionArgs } from './connections.ts';
import { prefetchForEntity } from '../src/context/prefetch.ts';
import { audited } from './audit.ts';
import { authenticatedCaller } from './caller.ts';
import { fromGlobalId } from './globalId.ts';
import { searchQueryOf } from './searchInput.ts';
import { isRunId } from '../src/data/run.ts';
import { runIfVisible } from './runsPage.ts';
import type { MutationResolvers, QueryResolvers } from './generated/graphql.ts';
import type { RootFieldResolver } from './types.ts';

/** `blueprint` is one of the model's: a BlueprintIdentifier value (GraphQL validated it), or checked by `node`. */
async function loadOne(blueprint: string, identifier: string, ctx: RequestContext): Promise<Entity | null> {
  return (await ctx.loaders.entity(blueprint).load(identifier)) ?? null;
}

/** The hand-written root fields (schema/base.graphql). */
export function queryResolvers(plan: SchemaPlan): QueryResolvers {
  return {
    entity: (_p, { blueprint, identifier }, ctx) => loadOne(blueprint, identifier, ctx),
    node: (_p, { id }, ctx) => {
      if (isRunId(id)) return runIfVisible(id, ctx);
      // Not one of ours (malformed, another API's, a blueprint this model has not): no such node.
      const key = fromGlobalId(id);
      return key && plan.model.get(key.blueprint) ? loadOne(key.blueprint, key.identifier, ctx) : null;
    },
    blueprints: () =>
      plan.types.map((t) => ({
        identifier: t.blueprint.identifier,
        title: t.blueprint.title,
        icon: t.blueprint.icon ?? null,
        description: t.blueprint.description ?? null,
        typeName: t.typeName,
        definition: t.blueprint.raw,
        relations: t.fields.flatMap((f) =>
          f.kind === 'relation'
            ? [{ identifier: f.key, target: f.target, required: f.def.required, many: f.def.many, fieldName: f.name, reverseFieldName: reverseName(plan, t.blueprint.identifier, f.key) }]
            : [],
        ),
      })),
    scorecardDefinitions: (_p, { blueprint }) => scorecardDefinitions(plan, blueprint),
    search: async (_p, args, ctx) => {
      const given = searchQueryOf(args);
      const syntax = ruleSyntaxProblems(given.query);
      if (syntax.length > 0) throw ruleQueryError(syntax.map(given.locate), given.argument);
      const query = parseRuleQuery(given.query, given.argument);
      const blueprints = candidateBlueprints(query, plan.model);
      // Unknown properties and blueprints, values that cannot match: an error, not 0 results.
      const problems = checkRuleQuery(query, plan.model, blueprints, plan.scorecards);
      if (problems.length > 0) throw ruleQueryError(problems.map(given.locate), given.argument);
      const lists = await Promise.all(blueprints.map((b) => ctx.loaders.list(b)));
      const entities = lists.flat();
      const mask = await evaluateRules(query, entities, scorecardRuleContext(plan, ctx));
      const keys = [{ key: '$blueprint', desc: false }, { key: '$identifier', desc: false }];
      return connectionFrom(entities.filter((_, i) => mask[i]), keys, args);
    },
    lattice: (_p, _a, ctx) => {
      const s = ctx.status();
      const toError = (e: LatticeError) => ({ code: e.code, message: e.message, ...e.location });
      return { status: s.errors.length ? 'ERROR' : 'OK', loadedAt: s.loadedAt, errors: s.errors.map(toError), warnings: s.warnings.map(toError), schemaChanges: [...s.schemaChanges] };
    },
  };
}

/** The root fields of each blueprint: one entity by identifier, and the connection of all. */
export function blueprintRootResolvers(plan: SchemaPlan): Record<string, RootFieldResolver<{ readonly identifier: string }> | RootFieldResolver<ConnectionArgs>> {
  const root: Record<string, RootFieldResolver<{ readonly identifier: string }> | RootFieldResolver<ConnectionArgs>> = {};
  for (const t of plan.types) {
    const bp = t.blueprint.identifier;
    const single: RootFieldResolver<{ readonly identifier: string }> = async (_p, { identifier }, ctx, info) => {
      const e = await loadOne(bp, identifier, ctx);
      if (e) await prefetchForEntity({ plan, entity: e, info, type: t, ctx });
      return e;
    };
    const all: RootFieldResolver<ConnectionArgs> = async (_p, args, ctx, info) => connect({ items: await ctx.loaders.list(bp), args, type: t, plan, ctx, info });
    root[t.singleField] = single;
    root[t.allField] = all;
  }
  return root;
}

function reverseName(plan: SchemaPlan, source: string, relation: string): string {
  const rel = plan.model.get(source)?.relations[relation];
  const target = rel ? plan.type(rel.target) : undefined;
  const f = target?.fields.find((x) => x.kind === 'reverse' && x.source === source && x.relation === relation);
  return f?.name ?? '';
}

export function mutationResolvers(): MutationResolvers {
  return {
    upsertEntity: (_p, args, ctx) => {
      // Absent and null differ in merge mode: absent keeps the stored value, null clears it.
      const patch = {
        blueprint: args.blueprint,
        identifier: args.identifier,
        ...(args.title !== undefined && { title: args.title }),
        ...(args.icon !== undefined && { icon: args.icon }),
        ...(args.team !== undefined && { team: args.team ?? [] }),
        // JSON arguments: the writer checks they are objects (BAD_USER_INPUT) before validating them.
        ...(args.properties !== undefined && args.properties !== null && { properties: args.properties as Entity['properties'] }),
        ...(args.relations !== undefined && args.relations !== null && { relations: args.relations as Entity['relations'] }),
      };
      const target = { blueprint: args.blueprint, identifier: args.identifier };
      return audited(ctx, { event: 'entity.upsert', target }, () => ctx.writer.upsert(patch, { caller: authenticatedCaller(ctx, 'catalog writes'), merge: args.merge === true }));
    },
    deleteEntity: (_p, { blueprint, identifier, deleteDependents }, ctx) =>
      audited(ctx, { event: 'entity.delete', target: { blueprint, identifier } }, () =>
        ctx.writer.delete({ blueprint, identifier }, { caller: authenticatedCaller(ctx, 'catalog writes'), deleteDependents: deleteDependents === true }),
      ),
  };
}
