/**
 * The simulator's default resources: an RDS instance for the seed catalog's `cart-sql-sb`, S3
 * buckets and SQS queues tagged with the components that use them, in eu-west-1 (and one queue
 * in us-east-1), and the auto-scaling group of cart-service's hosts. Properties are shaped like Cloud Control's (CloudFormation resource schemas).
 */
export interface SimResource {
  readonly region: string;
  readonly typeName: string;
  readonly identifier: string;
  properties: Record<string, unknown>;
}

const tags = (component: string, extra: Record<string, string> = {}) => Object.entries({ component, ...extra }).map(([Key, Value]) => ({ Key, Value }));

export function seedResources(): SimResource[] {
  return [
    {
      region: 'eu-west-1',
      typeName: 'AWS::RDS::DBInstance',
      identifier: 'cart-sql-sb',
      properties: {
        DBInstanceIdentifier: 'cart-sql-sb',
        DBInstanceArn: 'arn:aws:rds:eu-west-1:111111111111:db:cart-sql-sb',
        Engine: 'postgres',
        EngineVersion: '16.3',
        DBInstanceClass: 'db.t4g.medium',
        Endpoint: { Address: 'cart-sql-sb.abcdefghij.eu-west-1.rds.amazonaws.com', Port: '5432' },
        Tags: tags('CartService', { team: 'cart' }),
      },
    },
    {
      region: 'eu-west-1',
      typeName: 'AWS::RDS::DBInstance',
      identifier: 'products-sql',
      properties: { DBInstanceIdentifier: 'products-sql', DBInstanceArn: 'arn:aws:rds:eu-west-1:111111111111:db:products-sql', Engine: 'postgres', EngineVersion: '15.7', Tags: tags('ProductsService') },
    },
    {
      region: 'eu-west-1',
      typeName: 'AWS::RDS::DBInstance',
      identifier: 'legacy-mysql',
      properties: { DBInstanceIdentifier: 'legacy-mysql', DBInstanceArn: 'arn:aws:rds:eu-west-1:111111111111:db:legacy-mysql', Engine: 'mysql', EngineVersion: '8.0', Tags: [] },
    },
    { region: 'eu-west-1', typeName: 'AWS::S3::Bucket', identifier: 'acme-cart-assets', properties: { BucketName: 'acme-cart-assets', Arn: 'arn:aws:s3:::acme-cart-assets', Tags: tags('CartService') } },
    { region: 'eu-west-1', typeName: 'AWS::S3::Bucket', identifier: 'acme-products-assets', properties: { BucketName: 'acme-products-assets', Arn: 'arn:aws:s3:::acme-products-assets', Tags: tags('ProductsService') } },
    {
      region: 'eu-west-1',
      typeName: 'AWS::SQS::Queue',
      identifier: 'https://sqs.eu-west-1.amazonaws.com/111111111111/cart-events',
      properties: { QueueName: 'cart-events', Arn: 'arn:aws:sqs:eu-west-1:111111111111:cart-events', QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/111111111111/cart-events', Tags: tags('CartService') },
    },
    {
      region: 'us-east-1',
      typeName: 'AWS::SQS::Queue',
      identifier: 'https://sqs.us-east-1.amazonaws.com/111111111111/products-sync',
      properties: { QueueName: 'products-sync', Arn: 'arn:aws:sqs:us-east-1:111111111111:products-sync', QueueUrl: 'https://sqs.us-east-1.amazonaws.com/111111111111/products-sync', Tags: tags('ProductsService') },
    },
    {
      region: 'eu-west-1',
      typeName: 'AWS::AutoScaling::AutoScalingGroup',
      identifier: 'cart-service-asg',
      properties: {
        AutoScalingGroupName: 'cart-service-asg',
        AutoScalingGroupARN: 'arn:aws:autoscaling:eu-west-1:111111111111:autoScalingGroup:cart-service-asg',
        MinSize: '2',
        MaxSize: '6',
        DesiredCapacity: '3',
        Tags: tags('CartService'),
      },
    },
  ];
}

/** `n` more S3 buckets (for paging), tagged for no component. */
export function extraBuckets(n: number, region = 'eu-west-1'): SimResource[] {
  return Array.from({ length: n }, (_, i) => ({ region, typeName: 'AWS::S3::Bucket', identifier: `bucket-${i + 1}`, properties: { BucketName: `bucket-${i + 1}`, Arn: `arn:aws:s3:::bucket-${i + 1}`, Tags: [] } }));
}
