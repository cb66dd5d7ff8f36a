/**
 * The Terraform source's options (`sources[].options` in lattice.yaml), validated with ajv.
 *
 *   options:
 *     states:                                   # one or more state files (format version 4)
 *       - path: terraform.tfstate               # a local file, relative to lattice.yaml
 *       - url: https://tf.example.com/state/app # an HTTP backend: GET returns the state JSON
 *         headers: { authorization: Bearer ${TF_HTTP_TOKEN} }
 *     timeoutMs: 10000                          # per HTTP request
 */
import path from 'node:path';
import { Ajv } from 'ajv';
import { ErrorCodes, LatticeError } from '../../src/errors/index.ts';

export interface TerraformStateLocation {
  /** How errors and the mappings' `state` name it: the path as configured, or the URL. */
  readonly name: string;
  readonly path?: string;
  readonly url?: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface TerraformOptions {
  readonly states: readonly TerraformStateLocation[];
  readonly timeoutMs: number;
}

const schema = {
  type: 'object',
  required: ['states'],
  additionalProperties: false,
  properties: {
    states: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          path: { type: 'string', minLength: 1 },
          url: { type: 'string', pattern: '^https?://' },
          headers: { type: 'object', additionalProperties: { type: 'string' } },
        },
        oneOf: [{ required: ['path'] }, { required: ['url'] }],
      },
    },
    timeoutMs: { type: 'integer', minimum: 100 },
  },
};

const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

export function parseTerraformOptions(value: unknown, pointer: string, baseDir: string): TerraformOptions {
  if (!validate(value)) {
    const e = validate.errors?.[0];
    const extra = (e?.params as { additionalProperty?: string } | undefined)?.additionalProperty;
    const message = e?.keyword === 'oneOf' ? 'needs exactly one of path or url' : extra ? `has unknown key "${extra}"` : (e?.message ?? 'are invalid');
    throw new LatticeError(ErrorCodes.INVALID_CONFIG, `terraform source options${e?.instancePath ?? ''} ${message}`, {
      location: { pointer: `${pointer}/options${e?.instancePath ?? ''}` },
    });
  }
  const o = value as { states: { path?: string; url?: string; headers?: Record<string, string> }[]; timeoutMs?: number };
  return {
    states: o.states.map((s) =>
      s.path
        ? { name: s.path, path: path.resolve(baseDir, s.path), headers: {} }
        : { name: s.url as string, url: s.url as string, headers: s.headers ?? {} },
    ),
    timeoutMs: o.timeoutMs ?? 10_000,
  };
}
