/**
 * A source's resource entries, located: those of `sources[].resources` in lattice.yaml, then those
 * of the Port `port-app-config.yml` its `portAppConfig:` names (a path relative to lattice.yaml),
 * each carrying where it was written (file, JSON pointer, the line and column of every value), so
 * that a mapping that does not compile is reported at its line in the right file.
 *
 * The `port-app-config.yml` file is read as Port writes it: validated against the same resource
 * schema, with `${NAME}` left alone (the file is Port's, not Lattice's); errors name the file, the
 * line, the column and the JSON pointer, and stop the start before anything is served.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { ErrorCodes, LatticeError, LatticeErrors, type ErrorLocation } from '../errors/index.ts';
import { parseDocument, toPointer } from '../model/files/parseDocument.ts';
import { portAppConfigSchema } from './resourceSchema.ts';
import type { ResourceConfig, ResourceLocation } from './types.ts';

const validatePortAppConfig = new Ajv({ allErrors: true, strict: false }).compile(portAppConfigSchema);

type Locate = (pointer: string) => ErrorLocation;

/** Ajv's errors as located LatticeErrors (the `if` of the two resource shapes says nothing of its own). */
export function schemaErrors(errors: readonly ErrorObject[], locate: Locate): LatticeError[] {
  return errors
    .filter((e) => e.keyword !== 'if')
    .map((e) => {
      const extra = (e.params as { additionalProperty?: string }).additionalProperty;
      const pointer = e.instancePath + (extra ? `/${extra}` : '');
      const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues;
      const dotted = pointer.slice(1).replace(/\//g, '.');
      const message = extra ? `unknown key "${dotted}"` : `"${dotted}" ${e.message}${allowed ? `: ${allowed.join(', ')}` : ''}`;
      return new LatticeError(ErrorCodes.INVALID_CONFIG, message, { location: locate(pointer) });
    });
}

/** Every string of the entry, by its pointer relative to the entry, with its line and column. */
function positionsOf(value: unknown, base: string, locate: Locate): ResourceLocation['positions'] {
  const out: Record<string, { line: number; column: number }> = {};
  const walk = (v: unknown, segments: (string | number)[]) => {
    if (typeof v === 'string') {
      const at = locate(`${base}${toPointer(segments)}`);
      if (at.line !== undefined) out[toPointer(segments)] = { line: at.line, column: at.column ?? 1 };
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...segments, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...segments, k]);
  };
  walk(value, []);
  return out;
}

/** The entries with where each was written. */
function located(resources: readonly ResourceConfig[], file: string, base: string, locate: Locate): ResourceConfig[] {
  return resources.map((r, i) => ({ ...r, at: { file, pointer: `${base}/${i}`, positions: positionsOf(r, `${base}/${i}`, locate) } }));
}

export interface SourceResourcesInput {
  readonly resources?: readonly ResourceConfig[];
  readonly portAppConfig?: string;
}

/**
 * The resources of source `index`: its own (located in `configFile`), then its port-app-config
 * file's. A source with neither, a file that is missing, does not parse or is not a valid
 * port-app-config is an INVALID_CONFIG error with its location.
 */
export function sourceResources(source: SourceResourcesInput, index: number, configFile: string | undefined, baseDir: string, locate: Locate): ResourceConfig[] {
  const pointer = `/sources/${index}`;
  if (!source.resources && !source.portAppConfig) {
    throw new LatticeError(ErrorCodes.INVALID_CONFIG, `source ${index} needs "resources" or "portAppConfig" (a port-app-config.yml file)`, { location: locate(pointer) });
  }
  const own = source.resources ? (configFile ? located(source.resources, configFile, `${pointer}/resources`, locate) : [...source.resources]) : [];
  if (!source.portAppConfig) return own;
  const file = path.resolve(baseDir, source.portAppConfig);
  if (!existsSync(file)) throw new LatticeError(ErrorCodes.INVALID_CONFIG, `portAppConfig names ${file}, which does not exist`, { location: locate(`${pointer}/portAppConfig`) });
  const doc = parseDocument(file, readFileSync(file, 'utf8'));
  if (!validatePortAppConfig(doc.value)) throw new LatticeErrors(schemaErrors(validatePortAppConfig.errors ?? [], doc.locate));
  const { resources } = doc.value as { resources: ResourceConfig[] };
  return [...own, ...located(resources, file, '/resources', doc.locate)];
}
