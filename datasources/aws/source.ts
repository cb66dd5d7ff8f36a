/**
 * The AWS source: cloud resources read with the Cloud Control API (ListResources, and
 * GetResource when a resource asks for it) across accounts and regions, mapped to entities by the
 * `resources` of its lattice.yaml entry. A resource's `kind` is a CloudFormation type name
 * (`AWS::RDS::DBInstance`, `AWS::S3::Bucket`, `AWS::SQS::Queue`); each resource description is
 * one object for the mappings: `{ typeName, identifier, account, region, properties }`
 * (`properties` is Cloud Control's `Properties` JSON, parsed). Components are related through
 * tags: `properties.Tags[Key = "component"].Value`.
 *
 * Pages are followed to the end (NextToken). AWS is reached only through client.ts: throttling
 * and transient errors are retried by the SDK's retry strategy (`retryMode`, `maxAttempts`), and
 * every attempt is counted for the source. The whole snapshot is read through the
 * shared cache (ttl). One failing account (or region) costs only its own entities: the failure is
 * recorded (`failures()`, and logged), the other accounts are served; only when every account
 * fails does the snapshot reject.
 *
 * Resource options: `getResource: true` reads each listed resource with GetResource (types whose
 * list handler returns identifiers only); `resourceModel` is passed to ListResources (types that
 * need a parent, e.g. `{ "StreamName": "x" }`).
 *
 * Entries in Port's `port-app-config` shape see what Port's Ocean AWS integration gives instead
 * (objects.ts): `{ Identifier, Properties, Type, __Kind, __Region, __AccountId, __ExtraContext }`,
 * with Ocean's selector options `useGetResourceAPI` and `regionPolicy` (`allow` / `deny` regions).
 */
import { GetResourceCommand, ListResourcesCommand, type CloudControlClient } from '@aws-sdk/client-cloudcontrol';
import type { Logger } from 'pino';
import type { SharedCache } from '../../src/data/SharedCache.ts';
import type { SourceConfig } from '../../src/config/types.ts';
import type { EntityInput } from '../../src/model/entities/entity.ts';
import { ErrorCodes, LatticeError } from '../../src/errors/index.ts';
import { compileMapping, fillsOf, mapOrSkip } from '../../src/data/mapping.ts';
import type { Source, SourceSnapshot } from '../../src/data/Source.ts';
import { createCloudControlClient } from './client.ts';
import { latticeObject, oceanObject, type AwsResourceObject } from './objects.ts';
import { parseAwsOptions, parseResourceOptions, type AwsAccount, type AwsOptions } from './options.ts';


export interface AwsFailure {
  readonly account: string;
  readonly region: string;
  readonly typeName: string;
  readonly error: string;
}

export interface AwsSource extends Source {
  readonly options: AwsOptions;
  /** What failed in the last snapshot read (per account, region and type); empty when all was read. */
  failures(): readonly AwsFailure[];
  close(): Promise<void>;
}

const TYPE_NAME = /^[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$/;

interface Snapshot {
  readonly entities: EntityInput[];
  readonly failures: AwsFailure[];
}

export function createAwsSource(config: SourceConfig, deps: { cache: SharedCache; log: Logger }): AwsSource {
  const options = parseAwsOptions(config.options, config.pointer);
  const origin = `source:${config.name}`;
  const warn = (fields: Record<string, unknown>, message: string) => deps.log.warn({ source: config.name, ...fields }, message);
  const resources = config.resources.map((r, i) => {
    const mapping = compileMapping(r, origin, `${config.pointer}/resources/${i}`);
    if (!TYPE_NAME.test(r.kind)) throw new LatticeError(ErrorCodes.INVALID_CONFIG, `aws source: resource kind "${r.kind}" is not a CloudFormation type name (AWS::Service::Resource)`, { location: mapping.locate('/kind') });
    return { mapping, ...parseResourceOptions(mapping) };
  });
  const { dynamic, fills } = fillsOf(resources.map((r) => r.mapping));
  const policy = { ttlMs: (config.ttlSeconds ?? 300) * 1000, maxStaleMs: (config.maxStaleSeconds ?? 86_400) * 1000 };
  const keyPrefix = `aws:${config.name}:`;
  const clients = new Map<string, CloudControlClient>();
  let lastFailures: AwsFailure[] = [];

  function clientFor(account: AwsAccount, region: string): CloudControlClient {
    const key = `${account.name}\0${region}`;
    let client = clients.get(key);
    if (!client) {
      client = createCloudControlClient(config.name, account, region, options);
      clients.set(key, client);
    }
    return client;
  }

  async function listType(account: AwsAccount, region: string, r: (typeof resources)[number]): Promise<AwsResourceObject[]> {
    const client = clientFor(account, region);
    const typeName = r.mapping.kind;
    const out: AwsResourceObject[] = [];
    let token: string | undefined;
    if (!r.regions(region)) return out;
    do {
      const page = await client.send(new ListResourcesCommand({ TypeName: typeName, NextToken: token, MaxResults: options.pageSize, ResourceModel: r.resourceModel }));
      for (const d of page.ResourceDescriptions ?? []) {
        if (!d.Identifier) continue;
        let properties = d.Properties;
        if (r.getResource) properties = (await client.send(new GetResourceCommand({ TypeName: typeName, Identifier: d.Identifier }))).ResourceDescription?.Properties;
        out.push({ typeName, identifier: d.Identifier, account: account.name, accountId: account.accountId, region, properties: parseProperties(properties) });
      }
      token = page.NextToken;
    } while (token);
    return out;
  }

  async function fetchSnapshot(): Promise<Snapshot> {
    const entities: EntityInput[] = [];
    const failures: AwsFailure[] = [];
    const failedAccounts = new Set<string>();
    const jobs = options.accounts.flatMap((account) => account.regions.flatMap((region) => resources.map((r) => ({ account, region, r }))));
    const results = await Promise.all(
      jobs.map(async ({ account, region, r }) => {
        try {
          return { r, objects: await listType(account, region, r) };
        } catch (err) {
          const failure = { account: account.name, region, typeName: r.mapping.kind, error: describe(err) };
          failures.push(failure);
          failedAccounts.add(account.name);
          deps.log.warn({ source: config.name, ...failure }, 'aws: listing failed; that account loses these entities');
          return { r, objects: [] };
        }
      }),
    );
    if (failedAccounts.size === options.accounts.length) {
      throw new LatticeError(ErrorCodes.UPSTREAM_UNAVAILABLE, `AWS (source "${config.name}"): every account failed: ${failures.map((f) => `${f.account} ${f.region} ${f.typeName}: ${f.error}`).join('; ')}`, {
        details: { source: config.name, accounts: [...failedAccounts] },
      });
    }
    for (const { r, objects } of results) {
      for (const object of objects) entities.push(...(await mapOrSkip(r.mapping, r.mapping.port ? oceanObject(object) : latticeObject(object), undefined, warn, object.identifier)));
    }
    return { entities, failures };
  }

  return {
    name: config.name,
    options,
    feeds: (blueprint) => dynamic || fills.has(blueprint),
    fills: (blueprint) => fills.get(blueprint) ?? new Set(),
    failures: () => lastFailures,
    async snapshot(): Promise<SourceSnapshot> {
      const r = await deps.cache.read(`${keyPrefix}snapshot`, policy, fetchSnapshot);
      lastFailures = r.value.failures;
      return { entities: r.value.entities, fetchedAt: r.fetchedAt, stale: r.stale };
    },
    async invalidate(prefix = '') {
      await deps.cache.invalidate(`${keyPrefix}${prefix}`);
    },
    async close() {
      for (const c of clients.values()) c.destroy();
      clients.clear();
    },
  };
}

function parseProperties(text: string | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function describe(err: unknown): string {
  const e = err as { name?: string; message?: string; $metadata?: { attempts?: number } };
  return `${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message ?? String(err)}${e.$metadata?.attempts ? ` (after ${e.$metadata.attempts} attempts)` : ''}`;
}
