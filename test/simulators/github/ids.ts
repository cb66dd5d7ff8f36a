/**
 * GitHub-shaped global node ids, deterministic from database ids.
 *
 * GitHub's current ids are a type prefix, `_`, and the unpadded URL-safe base64 of a MessagePack
 * array `[0, ...keys]` (`R_kgDO…` for a repository, `PR_kwDO…` for a pull request). Types that still
 * carry legacy ids (languages, topics) use the old `base64("0<len>:<Type><id>")` form.
 */
import { createHash } from 'node:crypto';

function packUint(value: number): number[] {
  if (!Number.isInteger(value) || value < 0) throw new Error(`cannot pack ${value} into a node id`);
  if (value < 0x80) return [value];
  if (value <= 0xff) return [0xcc, value];
  if (value <= 0xffff) return [0xcd, value >> 8, value & 0xff];
  if (value <= 0xffffffff) return [0xce, (value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
  throw new Error(`node id keys above 2^32 are not supported (${value})`);
}

/** `R_kgDO…`-style id: prefix and the MessagePack array `[0, ...keys]` (numbers, or hex strings packed as bin). */
export function nodeId(prefix: string, ...keys: (number | { hex: string })[]): string {
  const bytes: number[] = [0x90 + keys.length + 1, 0];
  for (const key of keys) {
    if (typeof key === 'number') bytes.push(...packUint(key));
    else {
      const bin = Buffer.from(key.hex, 'hex');
      bytes.push(0xc4, bin.length, ...bin);
    }
  }
  return `${prefix}_${Buffer.from(bytes).toString('base64url')}`;
}

/** Legacy id: base64 of `0<length of type>:<Type><id>`, e.g. `MDg6TGFuZ3VhZ2UxNDU=` for Language 145. */
export function legacyNodeId(typeName: string, id: number): string {
  return Buffer.from(`0${typeName.length}:${typeName}${id}`).toString('base64');
}

/** Git's object id for a blob with this text: sha1 of `blob <bytes>\0<content>`. */
export function blobOid(text: string): string {
  const content = Buffer.from(text);
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

/** A deterministic 40-hex commit id derived from a seed string. */
export function commitOid(seed: string): string {
  return createHash('sha1').update(`commit:${seed}`).digest('hex');
}
