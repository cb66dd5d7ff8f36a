/**
 * The three PATCH bodies the API server takes, applied to plain JSON objects:
 *
 * - `application/merge-patch+json`: JSON Merge Patch (RFC 7386): objects merge key by key, `null`
 *   removes a key, anything else (arrays included) replaces.
 * - `application/strategic-merge-patch+json`: a merge patch, except that lists the API declares
 *   with a merge key merge element by element on that key (`containers`, `volumes`, `env`, …
 *   by `name`; container `ports` by `containerPort`; `conditions` by `type`), and an element
 *   `{"$patch": "delete", <key>: …}` removes the element. Other `$` directives
 *   (`$setElementOrder`, `$retainKeys`, `$deleteFromPrimitiveList`) are dropped, not honoured.
 * - `application/json-patch+json`: JSON Patch (RFC 6902): add, remove, replace, move, copy, test.
 *
 * Errors are thrown as PatchError; the server answers them with 422 Invalid.
 */
import { isDeepStrictEqual } from 'node:util';

export class PatchError extends Error {}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function mergePatch(target: unknown, patch: unknown): Json {
  if (!isObject(patch)) return structuredClone(patch) as Json;
  const result: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/** Lists merged by key in a strategic merge patch, by field name (the parent's field). */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  env: 'name',
  imagePullSecrets: 'name',
  conditions: 'type',
  tolerations: 'key',
  hostAliases: 'ip',
  ownerReferences: 'uid',
};

export function strategicMergePatch(target: unknown, patch: unknown, field = ''): Json {
  if (Array.isArray(patch)) return mergeList(target, patch, field);
  if (!isObject(patch)) return structuredClone(patch) as Json;
  const result: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    if (value === null) delete result[key];
    else result[key] = strategicMergePatch(result[key], value, key);
  }
  return result;
}

function mergeList(target: unknown, patch: Json[], field: string): Json {
  const current = Array.isArray(target) ? target : [];
  // Container ports merge on containerPort; a Service's ports on port.
  const key = field === 'ports' ? (patch.every((p) => isObject(p) && 'containerPort' in p) ? 'containerPort' : 'port') : MERGE_KEYS[field];
  if (!key || !patch.every((p) => isObject(p) && key in p)) {
    return patch.filter((p) => !(isObject(p) && typeof p.$patch === 'string')).map((p) => strategicMergePatch(undefined, p)) as Json;
  }
  const result = [...current];
  for (const element of patch as Record<string, Json>[]) {
    const index = result.findIndex((r) => isObject(r) && r[key] === element[key]);
    if (element.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
    } else if (index >= 0) {
      result[index] = strategicMergePatch(result[index], element);
    } else {
      result.push(strategicMergePatch(undefined, element));
    }
  }
  return result;
}

export interface JsonPatchOperation {
  readonly op: string;
  readonly path: string;
  readonly from?: string;
  readonly value?: unknown;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer "${path}"`);
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Json, parts: string[], path: string): { parent: Json; last: string } {
  let current: Json = doc;
  for (const part of parts.slice(0, -1)) {
    if (Array.isArray(current)) current = current[Number(part)];
    else if (isObject(current)) current = current[part];
    else current = undefined as unknown as Json;
    if (current === undefined) throw new PatchError(`doc is missing path: "${path}": missing value`);
  }
  return { parent: current, last: parts[parts.length - 1] };
}

function arrayIndex(array: Json[], token: string, path: string, forInsert: boolean): number {
  if (forInsert && token === '-') return array.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new PatchError(`invalid array index "${token}" in "${path}"`);
  const index = Number(token);
  if (index > array.length || (!forInsert && index === array.length)) throw new PatchError(`array index out of bounds: "${path}"`);
  return index;
}

function get(doc: Json, path: string): Json {
  const parts = pointer(path);
  if (parts.length === 0) return doc;
  const { parent, last } = parentOf(doc, parts, path);
  if (Array.isArray(parent)) return parent[arrayIndex(parent, last, path, false)];
  if (isObject(parent) && Object.hasOwn(parent, last)) return parent[last];
  throw new PatchError(`doc is missing path: "${path}": missing value`);
}

function add(doc: Json, path: string, value: Json): Json {
  const parts = pointer(path);
  if (parts.length === 0) return value;
  const { parent, last } = parentOf(doc, parts, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, path, true), 0, value);
  else if (isObject(parent)) parent[last] = value;
  else throw new PatchError(`doc is missing path: "${path}": missing value`);
  return doc;
}

function remove(doc: Json, path: string): Json {
  const parts = pointer(path);
  if (parts.length === 0) throw new PatchError('cannot remove the whole document');
  const { parent, last } = parentOf(doc, parts, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, path, false), 1);
  else if (isObject(parent) && Object.hasOwn(parent, last)) delete parent[last];
  else throw new PatchError(`doc is missing path: "${path}": missing value`);
  return doc;
}

export function jsonPatch(target: unknown, operations: unknown): Json {
  if (!Array.isArray(operations)) throw new PatchError('a JSON patch must be an array of operations');
  let doc = structuredClone(target) as Json;
  for (const raw of operations as JsonPatchOperation[]) {
    if (!isObject(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') throw new PatchError('each JSON patch operation needs "op" and "path"');
    const value = structuredClone(raw.value) as Json;
    switch (raw.op) {
      case 'add':
        doc = add(doc, raw.path, value);
        break;
      case 'remove':
        doc = remove(doc, raw.path);
        break;
      case 'replace':
        get(doc, raw.path);
        doc = add(remove(doc, raw.path), raw.path, value);
        break;
      case 'move': {
        if (typeof raw.from !== 'string') throw new PatchError('"move" needs "from"');
        const moved = get(doc, raw.from);
        doc = add(remove(doc, raw.from), raw.path, moved);
        break;
      }
      case 'copy': {
        if (typeof raw.from !== 'string') throw new PatchError('"copy" needs "from"');
        doc = add(doc, raw.path, structuredClone(get(doc, raw.from)));
        break;
      }
      case 'test':
        if (!isDeepStrictEqual(get(doc, raw.path), value)) throw new PatchError(`testing value ${raw.path} failed: test failed`);
        break;
      default:
        throw new PatchError(`Unexpected kind: ${raw.op}`);
    }
  }
  return doc;
}
