/**
 * The Cloud Control API's mutating operations, as the simulator answers them: `CreateResource`,
 * `UpdateResource` and `GetResourceRequestStatus`, over the simulator's resource list.
 *
 * As in AWS, a mutation answers a `ProgressEvent` with `OperationStatus: IN_PROGRESS` and a
 * `RequestToken`; the caller polls `GetResourceRequestStatus` until `SUCCESS` or `FAILED`. Here the
 * change is applied when the request is made (so the resource is listed from then on) and the
 * first status poll answers `SUCCESS`. `ClientToken` makes a repeated request the same request.
 * The primary identifier comes from the type's identifying property (`DBInstanceIdentifier`,
 * `BucketName`, `QueueName` → the queue URL, `BrokerName`, `AutoScalingGroupName`), and the read-only
 * properties AWS fills in (ARNs, the queue URL, an RDS endpoint) are filled in too.
 * `PatchDocument` is RFC 6902 JSON Patch, applied with fast-json-patch; a patch that changes the
 * primary identifier is refused (`NotUpdatableException`), as create-only properties are in AWS.
 */
import fastJsonPatch, { type Operation } from 'fast-json-patch';
import type { SimResource } from './seed.ts';

const { applyPatch, validate } = fastJsonPatch;

export const ACCOUNT = '111111111111';

export interface ProgressEvent {
  TypeName: string;
  Identifier: string;
  RequestToken: string;
  Operation: 'CREATE' | 'UPDATE';
  OperationStatus: 'IN_PROGRESS' | 'SUCCESS' | 'FAILED';
  EventTime: number;
  StatusMessage?: string;
}

export type MutationAnswer = { readonly status: 200; readonly body: unknown } | { readonly status: number; readonly error: string; readonly message: string };

interface TypeRule {
  /** The property that names the resource (create-only). */
  readonly key: string;
  /** The primary identifier from the named properties (default: the key's value). */
  readonly identifier?: (p: Record<string, unknown>, region: string) => string;
  /** Read-only properties AWS computes. */
  readonly computed: (name: string, region: string) => Record<string, unknown>;
}

const TYPES: Readonly<Record<string, TypeRule>> = {
  'AWS::RDS::DBInstance': {
    key: 'DBInstanceIdentifier',
    computed: (name, region) => ({ DBInstanceArn: `arn:aws:rds:${region}:${ACCOUNT}:db:${name}`, Endpoint: { Address: `${name}.abcdefghij.${region}.rds.amazonaws.com`, Port: '5432' } }),
  },
  'AWS::S3::Bucket': { key: 'BucketName', computed: (name) => ({ Arn: `arn:aws:s3:::${name}` }) },
  'AWS::SQS::Queue': {
    key: 'QueueName',
    identifier: (p, region) => `https://sqs.${region}.amazonaws.com/${ACCOUNT}/${String(p.QueueName)}`,
    computed: (name, region) => ({ Arn: `arn:aws:sqs:${region}:${ACCOUNT}:${name}`, QueueUrl: `https://sqs.${region}.amazonaws.com/${ACCOUNT}/${name}` }),
  },
  'AWS::AmazonMQ::Broker': { key: 'BrokerName', computed: (name, region) => ({ Arn: `arn:aws:mq:${region}:${ACCOUNT}:broker:${name}:b-${name}` }) },
  'AWS::AutoScaling::AutoScalingGroup': {
    key: 'AutoScalingGroupName',
    computed: (name, region) => ({ AutoScalingGroupARN: `arn:aws:autoscaling:${region}:${ACCOUNT}:autoScalingGroup:${name}` }),
  },
};

export class CloudControlMutations {
  readonly #resources: SimResource[];
  readonly #requests = new Map<string, ProgressEvent>();
  readonly #byClientToken = new Map<string, string>();
  #counter = 0;

  constructor(resources: SimResource[]) {
    this.#resources = resources;
  }

  /** Answers one of the three operations, or undefined for any other. */
  handle(operation: string, region: string, input: Record<string, unknown>): MutationAnswer | undefined {
    if (operation === 'CreateResource') return this.#once(input, () => this.#create(region, input));
    if (operation === 'UpdateResource') return this.#once(input, () => this.#update(region, input));
    if (operation === 'GetResourceRequestStatus') return this.#status(input);
    return undefined;
  }

  reset(): void {
    this.#requests.clear();
    this.#byClientToken.clear();
  }

  // Private: the operations.

  #once(input: Record<string, unknown>, run: () => MutationAnswer): MutationAnswer {
    const clientToken = typeof input.ClientToken === 'string' ? input.ClientToken : undefined;
    const previous = clientToken === undefined ? undefined : this.#byClientToken.get(clientToken);
    if (previous !== undefined) return { status: 200, body: { ProgressEvent: this.#requests.get(previous) } };
    const answer = run();
    if (clientToken !== undefined && 'body' in answer) this.#byClientToken.set(clientToken, (answer.body as { ProgressEvent: ProgressEvent }).ProgressEvent.RequestToken);
    return answer;
  }

  #create(region: string, input: Record<string, unknown>): MutationAnswer {
    const typeName = String(input.TypeName);
    const rule = TYPES[typeName];
    if (!rule) return { status: 400, error: 'TypeNotFoundException', message: `The type ${typeName} cannot be found in the simulator (it knows ${Object.keys(TYPES).join(', ')}).` };
    const desired = parseJson(input.DesiredState);
    if (!desired || typeof desired !== 'object' || Array.isArray(desired)) return { status: 400, error: 'ValidationException', message: 'DesiredState must be a JSON object' };
    const properties = desired as Record<string, unknown>;
    const name = properties[rule.key];
    if (typeof name !== 'string' || name === '') return { status: 400, error: 'InvalidRequestException', message: `DesiredState of ${typeName} needs ${rule.key}` };
    const identifier = rule.identifier ? rule.identifier(properties, region) : name;
    if (this.#find(region, typeName, identifier)) return { status: 400, error: 'AlreadyExistsException', message: `Resource of type '${typeName}' with identifier '${identifier}' already exists.` };
    this.#resources.push({ region, typeName, identifier, properties: { ...properties, ...rule.computed(name, region) } });
    return this.#progress(typeName, identifier, 'CREATE');
  }

  #update(region: string, input: Record<string, unknown>): MutationAnswer {
    const typeName = String(input.TypeName);
    const identifier = String(input.Identifier ?? '');
    const found = this.#find(region, typeName, identifier);
    if (!found) return { status: 404, error: 'ResourceNotFoundException', message: `Resource of type '${typeName}' with identifier '${identifier}' was not found.` };
    const patch = parseJson(input.PatchDocument);
    if (!Array.isArray(patch)) return { status: 400, error: 'ValidationException', message: 'PatchDocument must be a JSON Patch (RFC 6902) array' };
    const problem = validate(patch as Operation[], found.properties);
    if (problem) return { status: 400, error: 'ValidationException', message: `PatchDocument: ${problem.message}` };
    const key = TYPES[typeName]?.key;
    if (key && (patch as Operation[]).some((op) => op.path === `/${key}`)) return { status: 400, error: 'NotUpdatableException', message: `${key} of ${typeName} is create-only` };
    found.properties = applyPatch(structuredClone(found.properties), patch as Operation[], false, false).newDocument;
    return this.#progress(typeName, identifier, 'UPDATE');
  }

  #status(input: Record<string, unknown>): MutationAnswer {
    const request = this.#requests.get(String(input.RequestToken ?? ''));
    if (!request) return { status: 404, error: 'RequestTokenNotFoundException', message: `Request with token ${String(input.RequestToken)} was not found.` };
    // The work was done when asked: the first poll sees it finished.
    if (request.OperationStatus === 'IN_PROGRESS') Object.assign(request, { OperationStatus: 'SUCCESS', EventTime: Date.now() / 1000 });
    return { status: 200, body: { ProgressEvent: request } };
  }

  #progress(typeName: string, identifier: string, operation: ProgressEvent['Operation']): MutationAnswer {
    const event: ProgressEvent = { TypeName: typeName, Identifier: identifier, RequestToken: `req-${(++this.#counter).toString().padStart(6, '0')}-${crypto.randomUUID()}`, Operation: operation, OperationStatus: 'IN_PROGRESS', EventTime: Date.now() / 1000 };
    this.#requests.set(event.RequestToken, event);
    return { status: 200, body: { ProgressEvent: { ...event } } };
  }

  #find(region: string, typeName: string, identifier: string): SimResource | undefined {
    return this.#resources.find((r) => r.region === region && r.typeName === typeName && r.identifier === identifier);
  }
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
