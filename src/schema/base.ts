/**
 * The hand-written base SDL (schema/base.graphql) and the names it takes, which generated
 * names may not reuse.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';

export const BASE_SDL = readFileSync(new URL('../../schema/base.graphql', import.meta.url), 'utf8');

const declared = parse(BASE_SDL).definitions.flatMap((d) => ('name' in d && d.name ? [d.name.value] : []));

/** Names generated types may not take: the base schema's, GraphQL's and Federation's. */
export const BASE_TYPE_NAMES: readonly string[] = [
  ...new Set([...declared, 'String', 'Int', 'Float', 'Boolean', 'ID', 'Subscription', '_Service', '_Entity', '_Any', 'link__Import', 'link__Purpose']),
];
