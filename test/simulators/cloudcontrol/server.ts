/**
 * A Cloud Control API simulator: the AWS JSON 1.0 protocol the SDK (@aws-sdk/client-cloudcontrol)
 * speaks, on a real HTTP server, for the tests and the demo of Lattice's AWS source. Point the
 * SDK at it with `endpoint: sim.url` and any static credentials; the region is read from the
 * request's SigV4 credential scope, so one simulator serves one account in several regions.
 * Reads (ListResources, GetResource) are answered here; CreateResource, UpdateResource and
 * GetResourceRequestStatus in mutations.ts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudControlMutations } from './mutations.ts';
import { seedResources, type SimResource } from './seed.ts';

export interface CloudControlSimulatorOptions {
  /** Resource descriptions per ListResources page at most (the request's MaxResults may lower it). Default 2. */
  readonly pageSize?: number;
  /** The resources served; default: the seed (seed.ts). */
  readonly resources?: readonly SimResource[];
}

export interface CloudControlStats {
  requests: number;
  /** Requests per operation (`ListResources`, `GetResource`, …), throttled ones included. */
  byOperation: Record<string, number>;
  /** ListResources requests per `region typeName`. */
  lists: Record<string, number>;
  throttled: number;
}

export interface CloudControlSimulator {
  readonly url: string;
  readonly stats: CloudControlStats;
  readonly resources: SimResource[];
  /** The next n requests answer `ThrottlingException` (HTTP 400). */
  throttle(n: number): void;
  /** Every request answers HTTP 500 `InternalFailure` until `reset()`. */
  fail(on: boolean): void;
  reset(): void;
  close(): Promise<void>;
}

const TARGET_PREFIX = 'CloudApiService.';

export async function startCloudControlSimulator(options: CloudControlSimulatorOptions = {}): Promise<CloudControlSimulator> {
  const pageSize = options.pageSize ?? 2;
  const initial = () => structuredClone([...(options.resources ?? seedResources())]);
  const resources: SimResource[] = initial();
  const stats: CloudControlStats = { requests: 0, byOperation: {}, lists: {}, throttled: 0 };
  let throttles = 0;
  let failing = false;
  const mutations = new CloudControlMutations(resources);

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': crypto.randomUUID() }).end(JSON.stringify(body));
  };
  const error = (res: http.ServerResponse, status: number, type: string, message: string) => send(res, status, { __type: `com.amazonaws.cloudcontrol#${type}`, Message: message });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      stats.requests++;
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
      stats.byOperation[operation] = (stats.byOperation[operation] ?? 0) + 1;
      if (req.method !== 'POST' || !target.startsWith(TARGET_PREFIX)) return error(res, 400, 'UnknownOperationException', `unknown target ${JSON.stringify(target)}`);
      if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) return error(res, 403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
      if (throttles > 0) {
        throttles--;
        stats.throttled++;
        return error(res, 400, 'ThrottlingException', 'Rate exceeded');
      }
      if (failing) return error(res, 500, 'GeneralServiceException', 'simulated failure');
      const region = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(String(req.headers.authorization))?.[1] ?? 'us-east-1';
      let input: Record<string, unknown>;
      try {
        input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        return error(res, 400, 'SerializationException', 'body is not JSON');
      }
      const mutation = mutations.handle(operation, region, input);
      if (mutation) return 'error' in mutation ? error(res, mutation.status, mutation.error, mutation.message) : send(res, mutation.status, mutation.body);
      const typeName = input.TypeName;
      if (typeof typeName !== 'string' || !/^[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$/.test(typeName)) {
        return error(res, 400, 'ValidationException', '1 validation error detected: Value at \'typeName\' failed to satisfy constraint');
      }
      const ofType = resources.filter((r) => r.typeName === typeName && r.region === region);
      if (operation === 'ListResources') {
        stats.lists[`${region} ${typeName}`] = (stats.lists[`${region} ${typeName}`] ?? 0) + 1;
        const offset = typeof input.NextToken === 'string' ? Number(Buffer.from(input.NextToken, 'base64').toString('utf8').replace(/^offset:/, '')) : 0;
        if (!Number.isInteger(offset) || offset < 0) return error(res, 400, 'InvalidRequestException', 'invalid NextToken');
        const size = Math.min(pageSize, typeof input.MaxResults === 'number' ? input.MaxResults : pageSize);
        const page = ofType.slice(offset, offset + size);
        const next = offset + size < ofType.length ? Buffer.from(`offset:${offset + size}`).toString('base64') : undefined;
        return send(res, 200, { TypeName: typeName, ResourceDescriptions: page.map((r) => ({ Identifier: r.identifier, Properties: JSON.stringify(r.properties) })), ...(next ? { NextToken: next } : {}) });
      }
      if (operation === 'GetResource') {
        const found = ofType.find((r) => r.identifier === input.Identifier);
        if (!found) return error(res, 404, 'ResourceNotFoundException', `Resource of type '${typeName}' with identifier '${String(input.Identifier)}' was not found.`);
        return send(res, 200, { TypeName: typeName, ResourceDescription: { Identifier: found.identifier, Properties: JSON.stringify(found.properties) } });
      }
      return error(res, 400, 'UnknownOperationException', `operation ${operation} is not simulated`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    stats,
    resources,
    throttle(n) {
      throttles = n;
    },
    fail(on) {
      failing = on;
    },
    reset() {
      resources.splice(0, resources.length, ...initial());
      mutations.reset();
      Object.assign(stats, { requests: 0, byOperation: {}, lists: {}, throttled: 0 });
      throttles = 0;
      failing = false;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
