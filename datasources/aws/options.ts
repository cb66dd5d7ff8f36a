/**
 * The AWS source's options (`sources[].options` in lattice.yaml), validated with ajv.
 *
 *   options:
 *     accounts:
 *       - name: prod                                   # shown in the mappings' `account` and in errors
 *         regions: [eu-west-1, us-east-1]              # or region: eu-west-1
 *         roleArn: arn:aws:iam::111111111111:role/lattice-read   # assumed with STS (optional)
 *         endpoint: http://127.0.0.1:4566              # a Cloud Control endpoint override (optional)
 *         accountId: "111111111111"                    # the 12-digit id Port's mappings see as __AccountId (default: roleArn's)
 *     credentials:                                     # static credentials (optional; default: the SDK's chain)
 *       accessKeyId: ${AWS_ACCESS_KEY_ID}
 *       secretAccessKey: ${AWS_SECRET_ACCESS_KEY}
 *     retryMode: standard                              # or adaptive (the SDK's retry strategies)
 *     maxAttempts: 5                                   # per request, throttling included (1-20)
 *     pageSize: 100                                    # ListResources MaxResults (1-100)
 */
import { Ajv } from 'ajv';
import { ErrorCodes, LatticeError, type ErrorLocation } from '../../src/errors/index.ts';

export interface AwsAccount {
  readonly name: string;
  /** The 12-digit account id (`accountId`, else the account of `roleArn`); null when neither says. */
  readonly accountId: string | null;
  readonly regions: readonly string[];
  readonly roleArn?: string;
  readonly externalId?: string;
  readonly endpoint?: string;
}

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface AwsOptions {
  readonly accounts: readonly AwsAccount[];
  readonly credentials?: AwsCredentials;
  readonly retryMode: 'standard' | 'adaptive';
  readonly maxAttempts: number;
  readonly pageSize?: number;
}

const region = { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-\\d+$' };
const schema = {
  type: 'object',
  required: ['accounts'],
  additionalProperties: false,
  properties: {
    accounts: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1 },
          region,
          regions: { type: 'array', minItems: 1, items: region },
          roleArn: { type: 'string', pattern: '^arn:aws[a-z-]*:iam::\\d{12}:role/' },
          externalId: { type: 'string', minLength: 1 },
          endpoint: { type: 'string', pattern: '^https?://' },
          accountId: { type: 'string', pattern: '^\\d{12}$' },
        },
        oneOf: [{ required: ['region'] }, { required: ['regions'] }],
      },
    },
    credentials: {
      type: 'object',
      required: ['accessKeyId', 'secretAccessKey'],
      additionalProperties: false,
      properties: { accessKeyId: { type: 'string', minLength: 1 }, secretAccessKey: { type: 'string', minLength: 1 }, sessionToken: { type: 'string' } },
    },
    retryMode: { enum: ['standard', 'adaptive'] },
    maxAttempts: { type: 'integer', minimum: 1, maximum: 20 },
    pageSize: { type: 'integer', minimum: 1, maximum: 100 },
  },
};

const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

export function parseAwsOptions(value: unknown, pointer: string): AwsOptions {
  if (!validate(value)) {
    const e = validate.errors?.[0];
    const extra = (e?.params as { additionalProperty?: string } | undefined)?.additionalProperty;
    const message = e?.keyword === 'oneOf' ? 'needs exactly one of region or regions' : extra ? `has unknown key "${extra}"` : (e?.message ?? 'are invalid');
    throw new LatticeError(ErrorCodes.INVALID_CONFIG, `aws source options${e?.instancePath ?? ''} ${message}`, { location: { pointer: `${pointer}/options${e?.instancePath ?? ''}` } });
  }
  const o = value as { accounts: { name: string; accountId?: string; region?: string; regions?: string[]; roleArn?: string; externalId?: string; endpoint?: string }[]; credentials?: AwsCredentials; retryMode?: 'standard' | 'adaptive'; maxAttempts?: number; pageSize?: number };
  const names = new Set<string>();
  o.accounts.forEach((a, i) => {
    if (names.has(a.name)) throw new LatticeError(ErrorCodes.INVALID_CONFIG, `aws source options: two accounts are named "${a.name}"`, { location: { pointer: `${pointer}/options/accounts/${i}/name` } });
    names.add(a.name);
  });
  return {
    accounts: o.accounts.map((a) => ({ name: a.name, accountId: a.accountId ?? /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(a.roleArn ?? '')?.[1] ?? null, regions: a.regions ?? [a.region as string], roleArn: a.roleArn, externalId: a.externalId, endpoint: a.endpoint?.replace(/\/$/, '') })),
    credentials: o.credentials ? { ...o.credentials } : undefined,
    retryMode: o.retryMode ?? 'standard',
    maxAttempts: o.maxAttempts ?? 5,
    pageSize: o.pageSize,
  };
}

/** What a resource entry asks of Cloud Control, from its options (see parseResourceOptions). */
export interface AwsResourceOptions {
  /** Read each listed resource with GetResource. */
  readonly getResource: boolean;
  /** ListResources' ResourceModel (JSON), for types that need a parent. */
  readonly resourceModel: string | undefined;
  /** Whether the entry reads a region (Ocean's `regionPolicy`: allow / deny lists). */
  regions(region: string): boolean;
}

/** What parseResourceOptions needs of a compiled resource entry. */
interface ResourceEntry {
  readonly port: boolean;
  readonly options: Readonly<Record<string, unknown>>;
  readonly optionsPointer: string;
  locate(relative: string): ErrorLocation;
}

const latticeResourceSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { getResource: { type: 'boolean' }, resourceModel: { type: 'object' } },
};
const regionList = { type: 'array', items: { type: 'string' } };
/** Port's selector keys of Ocean's AWS integration (`useGetResourceAPI` is a boolean or its string). */
const portResourceSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    useGetResourceAPI: { anyOf: [{ type: 'boolean' }, { enum: ['true', 'false'] }] },
    resourceModel: { type: 'object' },
    regionPolicy: { type: 'object', additionalProperties: false, properties: { allow: regionList, deny: regionList } },
  },
};
const validateLatticeResource = new Ajv({ allErrors: true, strict: false }).compile(latticeResourceSchema);
const validatePortResource = new Ajv({ allErrors: true, strict: false }).compile(portResourceSchema);

/** A resource entry's options (Lattice's `options`, or Port's `selector` keys besides `query`), validated with their location. */
export function parseResourceOptions(entry: ResourceEntry): AwsResourceOptions {
  const validate = entry.port ? validatePortResource : validateLatticeResource;
  if (!validate(entry.options)) {
    const e = validate.errors?.[0];
    const extra = (e?.params as { additionalProperty?: string } | undefined)?.additionalProperty;
    const rel = `${entry.optionsPointer}${e?.instancePath ?? ''}${extra ? `/${extra}` : ''}`;
    const expected = entry.port ? 'useGetResourceAPI, resourceModel, regionPolicy' : 'getResource, resourceModel';
    throw new LatticeError(ErrorCodes.INVALID_CONFIG, `aws source: ${rel.slice(1).replace(/\//g, '.')} ${extra ? `is not an option of the aws source (expected ${expected})` : (e?.message ?? 'is invalid')}`, { location: entry.locate(rel) });
  }
  const o = entry.options as { getResource?: boolean; useGetResourceAPI?: boolean | string; resourceModel?: object; regionPolicy?: { allow?: string[]; deny?: string[] } };
  const { allow, deny = [] } = o.regionPolicy ?? {};
  return {
    getResource: o.getResource === true || o.useGetResourceAPI === true || o.useGetResourceAPI === 'true',
    resourceModel: o.resourceModel ? JSON.stringify(o.resourceModel) : undefined,
    regions: (region) => (!allow || allow.includes(region)) && !deny.includes(region),
  };
}
