/**
 * Relations a source mapping gave as Port search queries (Port's "relation by search query",
 * data/mapping.ts), resolved over the merged entities of the relation's target blueprint: a `many`
 * relation gets every match, in identifier order; a single one its one match. Several matches for
 * a single relation leave it unset, with a conflict on the entity listing them (`conflicts`, as
 * for two sources disagreeing); no match leaves it unset, as Port does.
 *
 * The queries hold comparison rules and groups only (mapping.ts checks), over stored and meta
 * properties: computed properties (mirror, calculation, aggregation) are not read here.
 */
import type { BlueprintModel } from '../model/blueprints/model.ts';
import type { Entity, RelationValue } from '../model/entities/entity.ts';
import { evaluateRules, type RuleContext } from '../model/query/portRules.ts';
import type { ServedEntity } from './merge.ts';

/** The entity with its relation queries resolved (the same entity when it has none). */
export async function resolveRelationQueries(entity: ServedEntity, model: BlueprintModel, targets: (blueprint: string) => Promise<readonly Entity[]>): Promise<ServedEntity> {
  const queries = entity.relationQueries;
  if (!queries) return entity;
  const { relationQueries: _queries, ...rest } = entity;
  const relations: Record<string, RelationValue> = { ...entity.relations };
  const conflicts = [...entity.conflicts];
  const context: RuleContext = { model, load: notHere, findByRelation: notHere };
  for (const [relation, query] of Object.entries(queries)) {
    const def = model.get(entity.blueprint)?.relations[relation];
    if (!def) continue;
    const candidates = await targets(def.target);
    const mask = await evaluateRules(query, candidates, context);
    const matches = candidates.filter((_, i) => mask[i]).map((e) => e.identifier).sort();
    if (def.many) relations[relation] = matches;
    else if (matches.length === 1) relations[relation] = matches[0];
    else if (matches.length > 1) conflicts.push({ field: `relations.${relation}`, values: matches.map((value) => ({ source: 'search query', value })) });
  }
  return { ...rest, relations, conflicts };
}

/** Relation walks are not reachable from the comparison rules these queries may hold. */
function notHere(): never {
  throw new Error('a relation search query reads no other relations');
}
