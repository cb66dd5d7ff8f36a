/**
 * The Cloud Control simulator's mutating operations through the real AWS SDK: CreateResource and
 * UpdateResource answer IN_PROGRESS with a request token, GetResourceRequestStatus then SUCCESS;
 * the change is listed and read back; a repeated ClientToken is the same request; an existing
 * identifier, a missing resource and a patch of the primary identifier are refused as AWS does.
 */
import {
  CloudControlClient,
  CreateResourceCommand,
  GetResourceCommand,
  GetResourceRequestStatusCommand,
  ListResourcesCommand,
  UpdateResourceCommand,
} from '@aws-sdk/client-cloudcontrol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudControlSimulator, type CloudControlSimulator } from './server.ts';

let sim: CloudControlSimulator;
let cc: CloudControlClient;

beforeAll(async () => {
  sim = await startCloudControlSimulator();
  cc = new CloudControlClient({ endpoint: sim.url, region: 'eu-west-1', credentials: { accessKeyId: 'AKIDSIM', secretAccessKey: 'sim-secret' }, maxAttempts: 1 });
});
afterAll(async () => {
  cc.destroy();
  await sim.close();
});

describe('Cloud Control simulator: mutations', () => {
  it('creates a resource: IN_PROGRESS, then SUCCESS on the first status poll; listed and read back with its computed properties', async () => {
    const created = await cc.send(new CreateResourceCommand({ TypeName: 'AWS::SQS::Queue', DesiredState: JSON.stringify({ QueueName: 'orders-events', Tags: [{ Key: 'component', Value: 'CartService' }] }), ClientToken: 'tok-1' }));
    expect(created.ProgressEvent).toMatchObject({ TypeName: 'AWS::SQS::Queue', Operation: 'CREATE', OperationStatus: 'IN_PROGRESS', Identifier: 'https://sqs.eu-west-1.amazonaws.com/111111111111/orders-events' });
    const again = await cc.send(new CreateResourceCommand({ TypeName: 'AWS::SQS::Queue', DesiredState: JSON.stringify({ QueueName: 'orders-events' }), ClientToken: 'tok-1' }));
    expect(again.ProgressEvent?.RequestToken).toBe(created.ProgressEvent?.RequestToken);
    const status = await cc.send(new GetResourceRequestStatusCommand({ RequestToken: created.ProgressEvent?.RequestToken }));
    expect(status.ProgressEvent?.OperationStatus).toBe('SUCCESS');
    const read = await cc.send(new GetResourceCommand({ TypeName: 'AWS::SQS::Queue', Identifier: created.ProgressEvent?.Identifier }));
    expect(JSON.parse(read.ResourceDescription?.Properties ?? '{}')).toMatchObject({ QueueName: 'orders-events', Arn: 'arn:aws:sqs:eu-west-1:111111111111:orders-events' });
    const listed = await cc.send(new ListResourcesCommand({ TypeName: 'AWS::SQS::Queue', MaxResults: 10 }));
    expect(listed.ResourceDescriptions?.map((d) => d.Identifier)).toContain(created.ProgressEvent?.Identifier);
    expect(sim.stats.byOperation).toMatchObject({ CreateResource: 2, GetResourceRequestStatus: 1 });
  });

  it('updates with a JSON Patch; refuses an existing identifier, a missing resource and a patch of the identifier', async () => {
    const updated = await cc.send(
      new UpdateResourceCommand({ TypeName: 'AWS::AutoScaling::AutoScalingGroup', Identifier: 'cart-service-asg', PatchDocument: JSON.stringify([{ op: 'replace', path: '/DesiredCapacity', value: '5' }]) }),
    );
    expect(updated.ProgressEvent).toMatchObject({ Operation: 'UPDATE', OperationStatus: 'IN_PROGRESS' });
    const read = await cc.send(new GetResourceCommand({ TypeName: 'AWS::AutoScaling::AutoScalingGroup', Identifier: 'cart-service-asg' }));
    expect(JSON.parse(read.ResourceDescription?.Properties ?? '{}')).toMatchObject({ MinSize: '2', MaxSize: '6', DesiredCapacity: '5' });

    await expect(cc.send(new CreateResourceCommand({ TypeName: 'AWS::RDS::DBInstance', DesiredState: JSON.stringify({ DBInstanceIdentifier: 'cart-sql-sb' }) }))).rejects.toMatchObject({ name: 'AlreadyExistsException' });
    await expect(cc.send(new UpdateResourceCommand({ TypeName: 'AWS::RDS::DBInstance', Identifier: 'nope', PatchDocument: '[]' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(
      cc.send(new UpdateResourceCommand({ TypeName: 'AWS::RDS::DBInstance', Identifier: 'cart-sql-sb', PatchDocument: JSON.stringify([{ op: 'replace', path: '/DBInstanceIdentifier', value: 'x' }]) })),
    ).rejects.toMatchObject({ name: 'NotUpdatableException' });
  });
});
