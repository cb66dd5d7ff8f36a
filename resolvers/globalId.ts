/**
 * Global ids (Relay's Node): base64url of `["<blueprint>","<identifier>"]`. Opaque to clients,
 * stable across restarts and replicas.
 */
import { ErrorCodes, LatticeError } from '../src/errors/index.ts';

export function toGlobalId(blueprint: string, identifier: string): string {
  return Buffer.from(JSON.stringify([blueprint, identifier])).toString('base64url');
}

export function fromGlobalId(id: string): { blueprint: string; identifier: string } {
  try {
    const value = JSON.parse(Buffer.from(id, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) return { blueprint: value[0], identifier: value[1] };
  } catch {
    // fall through to the error below
  }
  throw new LatticeError(ErrorCodes.BAD_USER_INPUT, `"${id}" is not an id issued by this API`, { details: { argument: 'id' } });
}
