/**
 * The rules of the blueprint model that a JSON Schema cannot say: relations point at blueprints
 * that exist, `many` relations are not `required` (Port rejects that too), identifiers are unique
 * across properties, mirror, calculation and aggregation properties (an entity's `properties`;
 * a relation may share an identifier with a property, as in Port), mirror paths and
 * aggregation targets resolve, aggregation queries are valid Port rules over the target's
 * properties, formats and specs fit their type (formats.ts), `entity` formats name a blueprint
 * that exists, enum values and defaults are valid values, calculations compile.
 *
 * Returns every error found; naming collisions are checked by the schema builder, which owns names.
 */
import { ErrorCodes, LatticeError } from '../../errors/index.ts';
import { compileExpression } from '../expressions.ts';
import { checkRuleQuery } from '../query/ruleCheck.ts';
import { parseRuleQuery, ruleSyntaxProblems, type RuleProblem } from '../query/ruleSyntax.ts';
import { formatProblem } from './formats.ts';
import { META_PROPERTIES, createModel, type Blueprint, type BlueprintModel, type PropertyDef } from './model.ts';
import { aggregationPaths } from './paths.ts';
import { describeValueError, valueValidator } from './values.ts';

export function checkModelRules(blueprints: readonly Blueprint[]): LatticeError[] {
  const byId = new Map(blueprints.map((b) => [b.identifier, b]));
  const model = createModel(blueprints);
  const errors: LatticeError[] = [];
  for (const bp of blueprints) {
    const fail = (pointer: string, message: string) =>
      errors.push(new LatticeError(ErrorCodes.INVALID_BLUEPRINT, `blueprint "${bp.identifier}": ${message}`, { location: bp.origin.locate(pointer) }));

    const owners = new Map<string, string>();
    const claim = (section: string, pointerBase: string, key: string) => {
      const other = owners.get(key);
      if (other) fail(`${pointerBase}/${key}`, `identifier "${key}" is used by both ${other} and ${section}`);
      else owners.set(key, section);
    };
    for (const key of Object.keys(bp.properties)) claim('schema.properties', '/schema/properties', key);
    // Relations are a namespace of their own (an entity's `relations`, apart from its `properties`), as in Port.
    for (const key of Object.keys(bp.mirrorProperties)) claim('mirrorProperties', '/mirrorProperties', key);
    for (const key of Object.keys(bp.calculationProperties)) claim('calculationProperties', '/calculationProperties', key);
    for (const key of Object.keys(bp.aggregationProperties)) claim('aggregationProperties', '/aggregationProperties', key);

    for (const key of Object.keys(bp.permissions.updateProperties)) {
      if (!(key in bp.properties)) fail(`/permissions/entities/updateProperties/${key}`, `permissions name property "${key}", which is not defined in schema.properties`);
    }
    for (const key of Object.keys(bp.permissions.updateRelations)) {
      if (!(key in bp.relations)) fail(`/permissions/entities/updateRelations/${key}`, `permissions name relation "${key}", which is not defined in relations`);
    }

    bp.required.forEach((name, i) => {
      if (!(name in bp.properties)) fail(`/schema/required/${i}`, `required property "${name}" is not defined in schema.properties`);
    });

    for (const [key, prop] of Object.entries(bp.properties)) {
      for (const { pointer, message } of propertyProblems(prop, byId)) fail(`/schema/properties/${key}${pointer}`, `property "${key}": ${message}`);
    }

    for (const [key, rel] of Object.entries(bp.relations)) {
      if (!byId.has(rel.target)) fail(`/relations/${key}/target`, `relation "${key}" targets unknown blueprint "${rel.target}"; known: ${[...byId.keys()].join(', ')}`);
      if (rel.many && rel.required) fail(`/relations/${key}`, `relation "${key}" cannot be both "many" and "required" (Port rejects this too)`);
    }

    for (const [key, mirror] of Object.entries(bp.mirrorProperties)) {
      const problem = checkMirrorPath(bp, mirror.path, byId);
      if (problem) fail(`/mirrorProperties/${key}/path`, `mirror property "${key}": ${problem}`);
    }

    for (const [key, calc] of Object.entries(bp.calculationProperties)) {
      try {
        compileExpression(calc.calculation);
      } catch (err) {
        fail(`/calculationProperties/${key}/calculation`, `calculation property "${key}": ${(err as Error).message}`);
      }
    }

    for (const [key, agg] of Object.entries(bp.aggregationProperties)) {
      const at = `/aggregationProperties/${key}`;
      const target = byId.get(agg.target);
      if (!target) {
        fail(`${at}/target`, `aggregation property "${key}" targets unknown blueprint "${agg.target}"`);
        continue;
      }
      const spec = agg.calculationSpec;
      if (spec.calculationBy === 'property') {
        const p = target.properties[spec.property];
        if (!p) fail(`${at}/calculationSpec/property`, `aggregation property "${key}": "${agg.target}" has no property "${spec.property}"`);
        else if (p.type !== 'number') fail(`${at}/calculationSpec/property`, `aggregation property "${key}": "${agg.target}.${spec.property}" is a ${p.type}, ${spec.func} needs a number`);
      }
      const paths = aggregationPaths(bp, agg, byId);
      if ('problem' in paths) fail(at, `aggregation property "${key}": ${paths.problem}`);
      if (agg.query !== undefined) {
        const problem = queryProblem(agg.query, target, model);
        if (problem) fail(`${at}/query${problem.pointer}`, `aggregation property "${key}": query ${problem.pointer || '/'} ${problem.message}`);
      }
    }
  }
  return errors;
}

/** Problems of one property definition, with pointers relative to it. */
function propertyProblems(prop: PropertyDef, byId: ReadonlyMap<string, Blueprint>): { pointer: string; message: string }[] {
  const problems: { pointer: string; message: string }[] = [];
  const items = prop.type === 'array' ? prop.items : undefined;
  const at = items ? '/items' : '';
  const scalar = items ?? prop;
  const values = scalar.enum;
  values?.forEach((v, i) => {
    if (v !== null && typeof v !== scalar.type) problems.push({ pointer: `${at}/enum/${i}`, message: `enum value ${JSON.stringify(v)} is not of type ${scalar.type}` });
  });
  if (prop.type === 'array' && (prop.format !== undefined || prop.blueprint !== undefined)) {
    problems.push({ pointer: prop.format !== undefined ? '/format' : '/blueprint', message: 'an array takes its format in "items"' });
  }
  const formatOf = formatProblem({ type: scalar.type, format: scalar.format, blueprint: scalar.blueprint, spec: prop.spec });
  if (formatOf) problems.push({ pointer: scalar.format !== undefined ? `${at}/format` : prop.spec !== undefined ? '/spec' : `${at}/blueprint`, message: formatOf });
  if (scalar.format === 'entity' && typeof scalar.blueprint === 'string' && !byId.has(scalar.blueprint)) {
    problems.push({ pointer: `${at}/blueprint`, message: `format "entity" names unknown blueprint "${scalar.blueprint}"; known: ${[...byId.keys()].join(', ')}` });
  }
  if (prop.default !== undefined && problems.length === 0) {
    const validate = valueValidator(prop);
    if (!validate(prop.default)) {
      const e = validate.errors?.[0];
      const where = e?.instancePath ? ` at ${e.instancePath}` : '';
      problems.push({ pointer: '/default', message: `default ${JSON.stringify(prop.default)} is not a valid value${where}: ${e ? describeValueError(e) : 'is invalid'}` });
    }
  }
  return problems;
}

/**
 * An aggregation's `query` must be Port's rule language (operators Port knows), over the target
 * blueprint's properties and meta properties: the search's own checks (query/ruleSyntax.ts,
 * query/ruleCheck.ts), so an aggregation accepts exactly what `search` accepts. The first problem,
 * with its pointer relative to the query.
 */
function queryProblem(query: unknown, target: Blueprint, model: BlueprintModel): RuleProblem | undefined {
  const [syntax] = ruleSyntaxProblems(query);
  if (syntax) return syntax;
  return checkRuleQuery(parseRuleQuery(query), model, [target.identifier])[0];
}

/** Returns a problem with a mirror path, or undefined when it resolves. */
function checkMirrorPath(bp: Blueprint, path: string, byId: ReadonlyMap<string, Blueprint>): string | undefined {
  const hops = path.split('.');
  const last = hops.pop() as string;
  let current = bp;
  for (const hop of hops) {
    const rel = current.relations[hop];
    if (!rel) return `"${current.identifier}" has no relation "${hop}" (path "${path}")`;
    if (rel.many) return `relation "${hop}" is "many"; a mirror path follows single relations only (path "${path}")`;
    const next = byId.get(rel.target);
    if (!next) return `relation "${hop}" targets unknown blueprint "${rel.target}"`;
    current = next;
  }
  if (last.startsWith('$')) return (META_PROPERTIES as readonly string[]).includes(last) ? undefined : `unknown meta property "${last}"; expected one of ${META_PROPERTIES.join(', ')}`;
  if (last in current.properties || last in current.calculationProperties || last in current.mirrorProperties) return undefined;
  return `"${current.identifier}" has no property "${last}" (path "${path}")`;
}
