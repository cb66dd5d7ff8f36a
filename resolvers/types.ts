/**
 * Types of the resolvers of what the blueprints generate (Component, ComponentConnection, the
 * root field per blueprint…). Those types change with the blueprints, so GraphQL Code Generator
 * cannot type them (it types the hand-written part: resolvers/generated/graphql.ts); their
 * factories use these instead, with the arguments the plan's SDL gives each field.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../src/context/index.ts';
import type { Entity } from '../src/model/entities/entity.ts';
import type { Run } from '../src/data/run.ts';

/** The arguments of a field that takes none. */
export type NoArgs = Readonly<Record<string, never>>;

/** A field resolver: typed parent and arguments, the request's context. */
export type FieldResolver<Args = NoArgs, Parent = Entity> = (parent: Parent, args: Args, ctx: RequestContext, info: GraphQLResolveInfo) => unknown;

/** A root field: its parent is the root value, which Lattice does not use. */
export type RootFieldResolver<Args> = FieldResolver<Args, unknown>;

/** The resolvers of one type, by field name, each with its own arguments (and `__resolveReference`). */
export type TypeResolvers = Readonly<Record<string, unknown>>;

/** What implements Node: an entity, or a run (codegen.yml maps Node to it). */
export type NodeValue = Entity | Run;

/** What resolvers hold for a `BlueprintIdentifier`: the blueprint's identifier as written (the enum's values change with the blueprints). */
export type BlueprintId = string;
