/**
 * Global ids (Relay's Node): base64url of `["<blueprint>","<identifier>"]`. Opaque to clients,
 * stable across restarts and replicas. An id that does not decode to that shape is not one of
 * ours: `fromGlobalId` says so with undefined, and `node(id:)` answers null for it, as Relay
 * servers do (docs/api-notes.md, "node(id:)").
 */

export function toGlobalId(blueprint: string, identifier: string): string {
  return Buffer.from(JSON.stringify([blueprint, identifier])).toString('base64url');
}

export function fromGlobalId(id: string): { blueprint: string; identifier: string } | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(id, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) return { blueprint: value[0], identifier: value[1] };
  } catch {
    // not JSON: not one of ours
  }
  return undefined;
}
