/**
 * Shapes of the objects the Kubernetes simulator stores, and small helpers over them: the
 * JSON of Kubernetes objects (apiVersion, kind, metadata, spec, status), RFC 3339 timestamps as the
 * API server writes them (seconds, `Z`), deterministic UIDs and name suffixes, and the pod
 * template hash that names ReplicaSets and labels their pods (`pod-template-hash`).
 */
import { createHash } from 'node:crypto';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
  [key: string]: unknown;
}

/** `2025-01-02T03:04:05Z`: the API server's timestamps have no fractional seconds. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A UUID-shaped id derived from `seed` (same seed, same uid). */
export function deterministicUid(seed: string): string {
  const hex = createHash('sha1').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The alphabet Kubernetes uses for generated name suffixes and hashes (no vowels, no 0/1/3). */
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** `length` characters of Kubernetes' safe alphabet derived from `seed`. */
export function safeSuffix(seed: string, length: number): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += SAFE[digest[i] % SAFE.length];
  return out;
}

/** The `pod-template-hash` of a pod template (10 characters, as the deployment controller's). */
export function podTemplateHash(template: unknown): string {
  return safeSuffix(stableJson(template), 10);
}

/** JSON with object keys sorted, so equal values give equal strings. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The controlling owner's uid, if any. */
export function controllerUid(object: KubeObject): string | undefined {
  return object.metadata.ownerReferences?.find((o) => o.controller)?.uid;
}
