/**
 * The rules of the blueprint model that a JSON Schema cannot say: relations point at blueprints
 * that exist, `many` relations are not `required` (Port rejects that too), identifiers are unique
 * across properties, relations, mirror, calculation and aggregation properties, mirror paths and
 * aggregation targets resolve, enum values and defaults fit their type, calculations compile.
 *
 * Returns every error found; naming collisions are checked by the schema builder, which owns names.
 */
import { ErrorCodes, LatticeError } from '../../errors/index.ts';
import { compileExpression } from '../expressions.ts';
import { META_PROPERTIES, type Blueprint } from './model.ts';
import { aggregationPaths } from './paths.ts';

export function checkModelRules(blueprints: readonly Blueprint[]): LatticeError[] {
  const byId = new Map(blueprints.map((b) => [b.identifier, b]));
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
    for (const key of Object.keys(bp.relations)) claim('relations', '/relations', key);
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
      const at = `/schema/properties/${key}`;
      const itemType = prop.type === 'array' ? prop.items?.type : prop.type;
      const values = prop.type === 'array' ? prop.items?.enum : prop.enum;
      values?.forEach((v, i) => {
        if (v !== null && typeof v !== itemType) fail(`${at}${prop.type === 'array' ? '/items' : ''}/enum/${i}`, `enum value ${JSON.stringify(v)} is not of type ${itemType}`);
      });
      if (prop.format && itemType !== 'string') fail(`${at}/format`, `format "${prop.format}" applies to strings, not ${itemType}`);
      if (prop.default !== undefined && prop.enum && !prop.enum.includes(prop.default as never)) {
        fail(`${at}/default`, `default ${JSON.stringify(prop.default)} is not one of the enum values`);
      }
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
    }
  }
  return errors;
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
