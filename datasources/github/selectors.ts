/**
 * The options of a GitHub resource entry, per kind, validated with their location:
 *
 * - Port's entries (`selector` keys besides `query`, as Ocean's GitHub integration reads them):
 *   `repository`: `includedFiles` (paths read at HEAD into `__includedFiles`); `pull-request`:
 *   `state` / `states` (only `open`: Lattice reads open pull requests); `team`: `members`
 *   (members are always read); `workflow`, `workflow-run`, `user`: none.
 * - Lattice's entries: no options.
 *
 * Anything else is an INVALID_CONFIG error naming the key and what the kind accepts.
 */
import { ErrorCodes, LatticeError, type ErrorLocation } from '../../src/errors/index.ts';

export const LATTICE_KINDS = ['repository', 'pullRequest', 'file'] as const;
export const PORT_KINDS = ['repository', 'pull-request', 'workflow-run', 'workflow', 'team', 'user'] as const;

/** What parseSelector needs of a compiled resource entry. */
interface ResourceEntry {
  readonly kind: string;
  readonly port: boolean;
  readonly options: Readonly<Record<string, unknown>>;
  readonly optionsPointer: string;
  locate(relative: string): ErrorLocation;
}

export interface GitHubResourceOptions {
  /** Files of each repository the entry's mappings read (`includedFiles`). */
  readonly includedFiles: readonly string[];
}

const ACCEPTED: Readonly<Record<string, readonly string[]>> = { repository: ['includedFiles'], 'pull-request': ['state', 'states'], team: ['members'] };

export function parseSelector(entry: ResourceEntry): GitHubResourceOptions {
  const kinds: readonly string[] = entry.port ? PORT_KINDS : LATTICE_KINDS;
  if (!kinds.includes(entry.kind)) {
    const shape = entry.port ? "Port's" : "Lattice's";
    throw new LatticeError(ErrorCodes.INVALID_CONFIG, `github source: unknown resource kind "${entry.kind}" for an entry in ${shape} shape; expected one of ${kinds.join(', ')}`, { location: entry.locate('/kind') });
  }
  const fail = (key: string, expected: string) =>
    new LatticeError(ErrorCodes.INVALID_CONFIG, `github source: ${entry.optionsPointer.slice(1)}.${key} ${expected}`, { location: entry.locate(`${entry.optionsPointer}/${key}`) });
  const accepted = entry.port ? (ACCEPTED[entry.kind] ?? []) : [];
  for (const key of Object.keys(entry.options)) {
    if (!accepted.includes(key)) throw fail(key, `is not an option of the "${entry.kind}" kind${accepted.length ? ` (expected ${accepted.join(', ')})` : ''}`);
  }
  const o = entry.options as { includedFiles?: unknown; state?: unknown; states?: unknown; members?: unknown };
  if (o.includedFiles !== undefined && !(Array.isArray(o.includedFiles) && o.includedFiles.every((f) => typeof f === 'string' && f !== ''))) throw fail('includedFiles', 'must be a list of file paths');
  if (o.state !== undefined && o.state !== 'open') throw fail('state', 'must be "open": Lattice reads open pull requests only');
  if (o.states !== undefined && !(Array.isArray(o.states) && o.states.every((s) => s === 'open'))) throw fail('states', 'must be ["open"]: Lattice reads open pull requests only');
  if (o.members !== undefined && typeof o.members !== 'boolean') throw fail('members', 'must be a boolean');
  return { includedFiles: (o.includedFiles as string[] | undefined) ?? [] };
}
