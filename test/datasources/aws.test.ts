/**
 * The AWS source on its own, against the Cloud Control simulator through the SDK's endpoint
 * override: options validated with JSON pointers, pages followed to the end, throttling retried
 * by the SDK, GetResource, one failing account costing only its own entities.
 */
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../src/data/memory/MemoryCache.ts';
import type { SourceConfig } from '../../src/config/types.ts';
import { LatticeError } from '../../src/errors/index.ts';
import type { ResourceConfig } from '../../src/config/types.ts';
import { createAwsSource, type AwsSource } from '../../datasources/aws/source.ts';
import { extraBuckets, seedResources } from '../simulators/cloudcontrol/seed.ts';
import { startCloudControlSimulator, type CloudControlSimulator } from '../simulators/cloudcontrol/server.ts';

const log = pino({ level: 'silent' });
const credentials = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'simulator-secret' };
let sim: CloudControlSimulator;
const open: AwsSource[] = [];

beforeAll(async () => {
  sim = await startCloudControlSimulator({ pageSize: 2, resources: [...seedResources(), ...extraBuckets(7)] });
});
afterAll(() => sim?.close());
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  sim.reset();
});

const rds: ResourceConfig = {
  kind: 'AWS::RDS::DBInstance',
  entity: {
    mappings: {
      identifier: '.identifier',
      blueprint: '"Resource"',
      properties: { engine: '.properties.Engine', account: '.account', region: '.region', typeName: '.typeName' },
      relations: { component: 'first(.properties.Tags[]? | select(.Key == "component") | .Value)' },
    },
  },
};
const buckets: ResourceConfig = { kind: 'AWS::S3::Bucket', entity: { mappings: { identifier: '.identifier', blueprint: '"Resource"', properties: { arn: '.properties.Arn' } } } };
const queues: ResourceConfig = { kind: 'AWS::SQS::Queue', entity: { mappings: { identifier: '.properties.QueueName', blueprint: '"Resource"', properties: { region: '.region' } } } };

function source(options: Record<string, unknown> = {}, resources: ResourceConfig[] = [rds, buckets, queues]): AwsSource {
  const config: SourceConfig = {
    name: 'aws',
    kind: 'aws',
    options: { accounts: [{ name: 'prod', regions: ['eu-west-1', 'us-east-1'], endpoint: sim.url }], credentials, maxAttempts: 5, ...options },
    resources,
    pointer: '/sources/0',
  };
  const s = createAwsSource(config, { cache: new MemoryCache(), log });
  open.push(s);
  return s;
}

function configError(fn: () => unknown): LatticeError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(LatticeError);
    return err as LatticeError;
  }
  throw new Error('expected a configuration error');
}

describe('AWS source: options', () => {
  it('rejects invalid options and resource kinds with JSON pointers', () => {
    expect(configError(() => source({ accounts: [{ name: 'prod' }] })).location?.pointer).toBe('/sources/0/options/accounts/0');
    expect(configError(() => source({ accounts: [{ name: 'prod', region: 'eu-west-1', roleArn: 'nope' }] })).location?.pointer).toBe('/sources/0/options/accounts/0/roleArn');
    expect(configError(() => source({ maxAttempts: 0 })).location?.pointer).toBe('/sources/0/options/maxAttempts');
    expect(configError(() => source({ retryMode: 'legacy' })).location?.pointer).toBe('/sources/0/options/retryMode');
    expect(configError(() => source({ accounts: [{ name: 'a', region: 'eu-west-1' }, { name: 'a', region: 'eu-west-1' }] })).location?.pointer).toBe('/sources/0/options/accounts/1/name');
    const bad = configError(() => source({}, [{ ...rds, kind: 'rds' }]));
    expect(bad.location?.pointer).toBe('/sources/0/resources/0/kind');
    expect(configError(() => source({}, [{ ...rds, entity: { mappings: { ...rds.entity.mappings, identifier: '(' } } }])).location?.pointer).toBe('/sources/0/resources/0/entity/mappings/identifier');
  });
});

describe('AWS source against the Cloud Control simulator', () => {
  it('follows ListResources pages to the end, per region and type, and parses Properties', async () => {
    const { entities } = await source().snapshot();
    const ids = entities.map((e) => e.identifier).sort();
    expect(ids).toEqual(['acme-cart-assets', 'acme-products-assets', ...extraBuckets(7).map((b) => b.identifier), 'cart-events', 'cart-sql-sb', 'legacy-mysql', 'products-sql', 'products-sync'].sort());
    // 9 buckets in pages of 2: 5 requests; 3 RDS instances: 2; 1 queue: 1; empty types in us-east-1: 1 each.
    expect(sim.stats.lists).toEqual({
      'eu-west-1 AWS::S3::Bucket': 5,
      'eu-west-1 AWS::RDS::DBInstance': 2,
      'eu-west-1 AWS::SQS::Queue': 1,
      'us-east-1 AWS::S3::Bucket': 1,
      'us-east-1 AWS::RDS::DBInstance': 1,
      'us-east-1 AWS::SQS::Queue': 1,
    });
    const cart = entities.find((e) => e.identifier === 'cart-sql-sb');
    expect(cart).toMatchObject({ blueprint: 'Resource', properties: { engine: 'postgres', account: 'prod', region: 'eu-west-1', typeName: 'AWS::RDS::DBInstance' }, relations: { component: 'CartService' }, origin: 'source:aws' });
    // No component tag: no relation.
    expect(entities.find((e) => e.identifier === 'legacy-mysql')?.relations).toEqual({});
    expect(entities.find((e) => e.identifier === 'products-sync')?.properties).toEqual({ region: 'us-east-1' });
  });

  it('a smaller pageSize (MaxResults) means more pages, still followed to the end', async () => {
    const { entities } = await source({ pageSize: 1 }, [buckets]).snapshot();
    expect(entities).toHaveLength(9);
    expect(sim.stats.lists['eu-west-1 AWS::S3::Bucket']).toBe(9);
  });

  it('the second snapshot within the ttl costs no request', async () => {
    const s = source();
    await s.snapshot();
    const before = sim.stats.requests;
    await s.snapshot();
    expect(sim.stats.requests).toBe(before);
  });

  it('throttling is retried by the SDK and succeeds', async () => {
    sim.throttle(3);
    const { entities } = await source({ accounts: [{ name: 'prod', region: 'eu-west-1', endpoint: sim.url }], maxAttempts: 5 }, [rds]).snapshot();
    expect(entities.map((e) => e.identifier).sort()).toEqual(['cart-sql-sb', 'legacy-mysql', 'products-sql']);
    expect(sim.stats.throttled).toBe(3);
    expect(sim.stats.byOperation.ListResources).toBe(2 + 3);
  });

  it('throttling beyond maxAttempts fails the account, with an error that says so', async () => {
    sim.throttle(100);
    const err = await source({ accounts: [{ name: 'prod', region: 'eu-west-1', endpoint: sim.url }], maxAttempts: 2 }, [rds]).snapshot().catch((e: unknown) => e as LatticeError);
    expect(err).toBeInstanceOf(LatticeError);
    expect((err as LatticeError).code).toBe('UPSTREAM_UNAVAILABLE');
    expect((err as LatticeError).message).toMatch(/prod eu-west-1 AWS::RDS::DBInstance: ThrottlingException: Rate exceeded \(after 2 attempts\)/);
    expect(sim.stats.throttled).toBe(2);
  });

  it('reads each resource with GetResource when asked', async () => {
    const { entities } = await source({ accounts: [{ name: 'prod', region: 'eu-west-1', endpoint: sim.url }] }, [{ ...rds, options: { getResource: true } }]).snapshot();
    expect(entities).toHaveLength(3);
    expect(sim.stats.byOperation.GetResource).toBe(3);
    expect(entities.find((e) => e.identifier === 'products-sql')?.relations).toEqual({ component: 'ProductsService' });
  });

  it('one failing account costs only its own entities, and the failure is recorded', async () => {
    const down = await startCloudControlSimulator();
    await down.close();
    const s = source({ accounts: [{ name: 'prod', region: 'eu-west-1', endpoint: sim.url }, { name: 'legacy', region: 'eu-west-1', endpoint: down.url }], maxAttempts: 2 }, [rds]);
    const { entities } = await s.snapshot();
    expect(entities.map((e) => e.identifier).sort()).toEqual(['cart-sql-sb', 'legacy-mysql', 'products-sql']);
    expect(s.failures()).toEqual([{ account: 'legacy', region: 'eu-west-1', typeName: 'AWS::RDS::DBInstance', error: expect.stringMatching(/ECONNREFUSED/) }]);
  });
});
