/**
 * The hand-written base SDL (schema/base.graphql) and the names it takes, which generated
 * names may not reuse.
 */
import { readFileSync } from 'node:fs';
import { Kind, parse } from 'graphql';

export const BASE_SDL = readFileSync(new URL('../../schema/base.graphql', import.meta.url), 'utf8');

const definitions = parse(BASE_SDL).definitions;
const declared = definitions.flatMap((d) => ('name' in d && d.name ? [d.name.value] : []));

/** The hand-written Mutation fields, which the typed writes of a blueprint may not take. */
export const BASE_MUTATION_FIELDS: readonly string[] = definitions.flatMap((d) => (d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Mutation' ? (d.fields ?? []).map((f) => f.name.value) : []));

/** Names generated types may not take: the base schema's, GraphQL's and Federation's. */
export const BASE_TYPE_NAMES: readonly string[] = [
  ...new Set([...declared, 'String', 'Int', 'Float', 'Boolean', 'ID', 'Subscription', '_Service', '_Entity', '_Any', 'link__Import', 'link__Purpose']),
];
