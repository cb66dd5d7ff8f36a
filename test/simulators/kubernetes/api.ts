/**
 * The REST verbs on resources, as kube-apiserver answers them (watch is in watch.ts):
 *
 * - list: `<Kind>List` with `metadata.resourceVersion` (the current one) and, with `limit`,
 *   `metadata.continue` + `remainingItemCount` (the latter only without selectors). Items are in
 *   key order and, as from a real server, carry no `kind`/`apiVersion`. Later pages come from the
 *   first page's snapshot; once expired, a continue answers 410 Expired with a token that resumes
 *   from the latest state (the API server's "inconsistent continue"). A `resourceVersion` below
 *   the oldest kept answers 410 when the list is exact (`resourceVersionMatch=Exact`, or a
 *   `limit` without `resourceVersionMatch`, rv ≠ 0). Selectors as selectors.ts parses them.
 * - get, create (201; `generateName`; status dropped), update (PUT; resourceVersion precondition;
 *   status kept), patch (merge, strategic merge, JSON patch; see patch.ts), delete (the object for
 *   Pods, Services and Namespaces, a Success Status for the others).
 * - the `scale` subresource of Deployments and ReplicaSets: autoscaling/v1 Scale; GET, PUT, PATCH.
 * - `Accept: application/json;as=Table;g=meta.k8s.io;v=v1` answers Tables (tables.ts).
 *
 * Status writes through the main resource are ignored for built-in kinds (they have a status
 * subresource, which the simulator does not serve); custom resources take them.
 */
import type { Cluster, ListSnapshot } from './cluster.ts';
import type { KubeObject } from './objects.ts';
import { jsonPatch, mergePatch, PatchError, strategicMergePatch } from './patch.ts';
import { apiVersionOf, type ResourceType } from './resources.ts';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector, SelectorError, type FieldRequirement, type LabelRequirement } from './selectors.ts';
import { ApiError, errors } from './status.ts';
import { tableVersionAccepted, toTable, type IncludeObject } from './tables.ts';

export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

export interface ResourceRequest {
  readonly cluster: Cluster;
  readonly type: ResourceType;
  /** From the URL (`/namespaces/<ns>/…`); undefined for cluster-scoped and all-namespaces requests. */
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly query: URLSearchParams;
  readonly accept: string | undefined;
  readonly contentType: string;
  readonly body: unknown;
}

export const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'] as const;
export type PatchType = 'json' | 'merge' | 'strategic';

/** Built-in kinds have a status subresource: their status is not written through the resource. */
export function hasStatusSubresource(type: ResourceType): boolean {
  return (type.group === '' || type.group === 'apps' || type.group === 'batch') && type.kind !== 'ConfigMap';
}

export interface Selection {
  readonly labels: readonly LabelRequirement[];
  readonly fields: readonly FieldRequirement[];
  readonly namespace: string | undefined;
}

export function selection(type: ResourceType, namespace: string | undefined, query: URLSearchParams): Selection {
  try {
    return { labels: parseLabelSelector(query.get('labelSelector') ?? ''), fields: parseFieldSelector(query.get('fieldSelector') ?? '', type.kind), namespace };
  } catch (error) {
    if (error instanceof SelectorError) throw errors.badRequest(error.message);
    throw error;
  }
}

export function selects(s: Selection, object: KubeObject): boolean {
  return (s.namespace === undefined || object.metadata.namespace === s.namespace) && matchesLabels(s.labels, object.metadata.labels) && matchesFields(s.fields, object);
}

/** Parses `resourceVersion`: undefined for '' and '0' ("any"), else the number. */
export function parseResourceVersion(value: string | null): number | undefined {
  if (value === null || value === '' || value === '0') return undefined;
  if (!/^\d+$/.test(value)) throw errors.badRequest(`resourceVersion: Invalid value: "${value}": must be a non-negative integer`);
  return Number(value);
}

export function tooOld(cluster: Cluster, resourceVersion: number): ApiError {
  return errors.expired(`too old resource version: ${resourceVersion} (${cluster.oldestResourceVersion})`);
}

interface ContinueToken {
  readonly v: 'meta.k8s.io/v1';
  readonly rv: number;
  /** Key of the last item served. */
  readonly start: string;
  /** Snapshot id and offset of the next item; absent in a token that resumes from the latest state. */
  readonly s?: number;
  readonly o?: number;
}

function encodeToken(token: ContinueToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeToken(text: string): ContinueToken {
  try {
    const token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as ContinueToken;
    if (token.v !== 'meta.k8s.io/v1' || typeof token.rv !== 'number' || typeof token.start !== 'string') throw new Error('bad token');
    return token;
  } catch {
    throw errors.badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

function objectKey(object: KubeObject): string {
  return object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}` : (object.metadata.name as string);
}

/** A list item as the API server writes it: without kind and apiVersion. */
function listItem(object: KubeObject): Omit<KubeObject, 'kind' | 'apiVersion'> {
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = object;
  return rest;
}

function includeObject(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject');
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}

export function listObjects(r: ResourceRequest): Answer {
  const { cluster, type, query } = r;
  const s = selection(type, r.namespace, query);
  const limit = Math.max(0, Number.parseInt(query.get('limit') ?? '0', 10) || 0);
  const signature = JSON.stringify([type.group, type.version, type.name, r.namespace ?? '', query.get('labelSelector') ?? '', query.get('fieldSelector') ?? '']);
  let items: readonly KubeObject[];
  let offset = 0;
  let listResourceVersion = cluster.resourceVersion;
  let snapshot: ListSnapshot | undefined;
  const continueText = query.get('continue');
  if (continueText) {
    const token = decodeToken(continueText);
    if (token.s !== undefined) {
      snapshot = cluster.snapshot(token.s);
      if (!snapshot) {
        const resume = encodeToken({ v: 'meta.k8s.io/v1', rv: cluster.resourceVersion, start: token.start });
        throw errors.expired(
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
          resume,
        );
      }
      if (snapshot.query !== signature) throw errors.badRequest('continue key is not valid: the continue token was issued for a different list request');
      items = snapshot.items;
      offset = token.o ?? 0;
      listResourceVersion = snapshot.resourceVersion;
    } else {
      items = cluster.items(type, r.namespace).filter((o) => selects(s, o) && objectKey(o) > token.start);
    }
  } else {
    const requested = parseResourceVersion(query.get('resourceVersion'));
    const match = query.get('resourceVersionMatch');
    if (requested !== undefined) {
      const exact = match === 'Exact' || (!match && limit > 0);
      if (exact && requested < cluster.oldestResourceVersion) throw tooOld(cluster, requested);
      if (!exact && requested > cluster.resourceVersion) {
        throw new ApiError({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `Timeout: Too large resource version: ${requested}, current: ${cluster.resourceVersion}`,
          reason: 'Timeout',
          details: { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 },
          code: 504,
        });
      }
    }
    items = cluster.items(type, r.namespace).filter((o) => selects(s, o));
  }
  const end = limit > 0 ? Math.min(items.length, offset + limit) : items.length;
  const page = items.slice(offset, end);
  const metadata: Record<string, unknown> = { resourceVersion: String(listResourceVersion) };
  if (end < items.length) {
    snapshot ??= cluster.saveSnapshot(signature, items);
    metadata.continue = encodeToken({ v: 'meta.k8s.io/v1', rv: listResourceVersion, start: objectKey(page[page.length - 1]), s: snapshot.id, o: end });
    if (s.labels.length === 0 && s.fields.length === 0) metadata.remainingItemCount = items.length - end;
  }
  const table = tableVersionAccepted(r.accept);
  if (table) return { status: 200, body: toTable(type, page, { includeObject: includeObject(query), now: cluster.now(), apiVersion: table, metadata }) };
  return { status: 200, body: { kind: `${type.kind}List`, apiVersion: apiVersionOf(type), metadata, items: page.map(listItem) } };
}

function present(r: ResourceRequest, object: KubeObject, status = 200): Answer {
  const table = tableVersionAccepted(r.accept);
  if (table) return { status, body: toTable(r.type, [object], { includeObject: includeObject(r.query), now: r.cluster.now(), apiVersion: table, metadata: { resourceVersion: object.metadata.resourceVersion } }) };
  return { status, body: object };
}

function existing(r: ResourceRequest): KubeObject {
  const object = r.cluster.find(r.type, r.namespace, r.name as string);
  if (!object) throw errors.notFound(r.type, r.name as string);
  return object;
}

function bodyObject(r: ResourceRequest): KubeObject {
  const body = r.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw errors.badRequest('the body of the request must be a JSON object');
  const object = body as KubeObject;
  if ((object.kind && object.kind !== r.type.kind) || (object.apiVersion && object.apiVersion !== apiVersionOf(r.type))) {
    throw errors.badRequest(`the API version in the data (${object.apiVersion}) does not match the expected API version (${apiVersionOf(r.type)}), or the kind (${object.kind}) is not ${r.type.kind}`);
  }
  object.metadata ??= {};
  return object;
}

function checkNamespace(r: ResourceRequest, object: KubeObject): void {
  if (!r.type.namespaced) return;
  if (object.metadata.namespace && object.metadata.namespace !== r.namespace) {
    throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  object.metadata.namespace = r.namespace;
}

export function getObject(r: ResourceRequest): Answer {
  return present(r, existing(r));
}

export function createObject(r: ResourceRequest): Answer {
  const object = bodyObject(r);
  checkNamespace(r, object);
  const created = r.cluster.create(r.type, object, { keepStatus: !hasStatusSubresource(r.type) });
  return present(r, created, 201);
}

export function updateObject(r: ResourceRequest): Answer {
  const object = bodyObject(r);
  if (object.metadata.name !== r.name) throw errors.badRequest(`the name of the object (${object.metadata.name}) does not match the name on the URL (${r.name})`);
  checkNamespace(r, object);
  return present(r, r.cluster.update(r.type, object, { keepStatus: hasStatusSubresource(r.type) }));
}

/** The patch type of a Content-Type header, or a 415. */
export function patchTypeOf(contentType: string): PatchType {
  const media = contentType.split(';')[0].trim().toLowerCase();
  if (media === 'application/json-patch+json') return 'json';
  if (media === 'application/merge-patch+json') return 'merge';
  if (media === 'application/strategic-merge-patch+json') return 'strategic';
  throw errors.unsupportedMediaType(media, PATCH_TYPES);
}

/** The patched document (not stored); `name` and `namespace` stay what they were. */
export function applyPatch(type: ResourceType, current: KubeObject, patch: unknown, patchType: PatchType): KubeObject {
  let patched: unknown;
  try {
    if (patchType !== 'json' && (patch === null || typeof patch !== 'object' || Array.isArray(patch))) throw new PatchError('a merge patch must be a JSON object');
    patched = patchType === 'json' ? jsonPatch(current, patch) : patchType === 'merge' ? mergePatch(current, patch) : strategicMergePatch(current, patch);
  } catch (error) {
    if (error instanceof PatchError) throw errors.invalid(type, current.metadata.name as string, error.message);
    throw error;
  }
  if (patched === null || typeof patched !== 'object' || Array.isArray(patched)) throw errors.invalid(type, current.metadata.name as string, 'the patched object is not an object');
  const object = patched as KubeObject;
  object.metadata = { ...(object.metadata ?? {}), name: current.metadata.name, ...(type.namespaced ? { namespace: current.metadata.namespace } : {}) };
  return object;
}

export function patchObject(r: ResourceRequest): Answer {
  const patchType = patchTypeOf(r.contentType);
  const current = existing(r);
  const patched = applyPatch(r.type, current, r.body, patchType);
  return present(r, r.cluster.update(r.type, patched, { keepStatus: hasStatusSubresource(r.type) }));
}

const RETURNS_DELETED_OBJECT = new Set(['Pod', 'Service', 'Namespace']);

export function deleteObject(r: ResourceRequest): Answer {
  const current = existing(r);
  const options = (r.body ?? {}) as { preconditions?: { uid?: string; resourceVersion?: string } };
  const pre = options.preconditions;
  if ((pre?.uid && pre.uid !== current.metadata.uid) || (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion)) {
    throw errors.conflict(r.type, r.name as string);
  }
  const deleted = r.cluster.remove(r.type, r.namespace, r.name as string);
  if (RETURNS_DELETED_OBJECT.has(r.type.kind) && r.type.group === '') return present(r, deleted);
  return {
    status: 200,
    body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: r.name, group: r.type.group, kind: r.type.name, uid: deleted.metadata.uid } },
  };
}

/** The autoscaling/v1 Scale of a Deployment or ReplicaSet. */
export function scaleOf(object: KubeObject): Record<string, unknown> {
  const selector = object.spec?.selector as { matchLabels?: Record<string, string> } | undefined;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: object.metadata.name,
      namespace: object.metadata.namespace,
      uid: object.metadata.uid,
      resourceVersion: object.metadata.resourceVersion,
      creationTimestamp: object.metadata.creationTimestamp,
    },
    spec: { replicas: object.spec?.replicas ?? 1 },
    status: {
      replicas: object.status?.replicas ?? 0,
      selector: Object.entries(selector?.matchLabels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    },
  };
}

function setReplicas(r: ResourceRequest, current: KubeObject, scale: Record<string, any>): Answer {
  const replicas = scale?.spec?.replicas;
  if (!Number.isInteger(replicas) || replicas < 0) throw errors.invalid(r.type, r.name as string, `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`, 'spec.replicas');
  const wanted = scale?.metadata?.resourceVersion;
  if (wanted && wanted !== current.metadata.resourceVersion) throw errors.conflict(r.type, r.name as string);
  const updated = r.cluster.update(r.type, { ...current, spec: { ...current.spec, replicas } });
  return { status: 200, body: scaleOf(r.cluster.find(r.type, r.namespace, r.name as string) ?? updated) };
}

export function scaleSubresource(r: ResourceRequest, method: string): Answer {
  const current = existing(r);
  if (method === 'GET') return { status: 200, body: scaleOf(current) };
  if (method === 'PUT') {
    const body = r.body as Record<string, any>;
    if (body?.kind && body.kind !== 'Scale') throw errors.badRequest(`the kind (${body.kind}) is not Scale`);
    return setReplicas(r, current, body);
  }
  if (method === 'PATCH') {
    const patchType = patchTypeOf(r.contentType);
    const before = scaleOf(current) as KubeObject;
    const patched = applyPatch(r.type, before, r.body, patchType);
    const scale = patched as Record<string, any>;
    // A resourceVersion the patch leaves as it was is no precondition.
    if (scale.metadata?.resourceVersion === current.metadata.resourceVersion) delete scale.metadata.resourceVersion;
    return setReplicas(r, current, scale);
  }
  throw errors.methodNotAllowed();
}

