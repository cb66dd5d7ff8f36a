/**
 * Reading Terraform state (format version 4) from a file or an HTTP backend, re-reading only
 * what changed: a file is re-read when its mtime or size changed, an HTTP backend is asked with
 * `If-None-Match` (304: unchanged); either way a state whose `lineage` and `serial` are the ones
 * already read is not mapped again. HTTP backends are read through client.ts (counted).
 */
import { readFile, stat } from 'node:fs/promises';
import { ErrorCodes, LatticeError } from '../../src/errors/index.ts';
import type { TerraformBackendClient } from './client.ts';
import type { TerraformStateLocation } from './options.ts';

export interface TerraformInstanceObject {
  readonly type: string;
  readonly name: string;
  readonly provider: string;
  /** The module address (`module.db`), or null for the root module. */
  readonly module: string | null;
  readonly mode: 'managed' | 'data';
  readonly index_key: string | number | null;
  readonly attributes: Readonly<Record<string, unknown>>;
  /** The resource address, as `terraform state list` prints it (`module.db.aws_db_instance.cart["a"]`). */
  readonly address: string;
  /** The state it came from: its path as configured, or its URL. */
  readonly state: string;
}

export interface TerraformState {
  readonly serial: number;
  readonly lineage: string;
  readonly instances: readonly TerraformInstanceObject[];
}

interface RawState {
  version?: unknown;
  serial?: unknown;
  lineage?: unknown;
  resources?: { mode?: string; type: string; name: string; provider?: string; module?: string; instances?: { index_key?: string | number; attributes?: Record<string, unknown> }[] }[];
}

/** Parses state JSON; anything but format version 4 is an error naming where it came from. */
export function parseState(text: string, where: string): TerraformState {
  let raw: RawState;
  try {
    raw = JSON.parse(text) as RawState;
  } catch (err) {
    throw new LatticeError(ErrorCodes.UPSTREAM_UNAVAILABLE, `Terraform state ${where} is not JSON: ${(err as Error).message}`, { details: { state: where } });
  }
  if (!raw || typeof raw !== 'object' || raw.version !== 4) {
    throw new LatticeError(ErrorCodes.UPSTREAM_UNAVAILABLE, `Terraform state ${where} has format version ${JSON.stringify(raw?.version)}; only version 4 is read`, { details: { state: where } });
  }
  const instances: TerraformInstanceObject[] = [];
  for (const r of Array.isArray(raw.resources) ? raw.resources : []) {
    const mode = r.mode === 'data' ? 'data' : 'managed';
    for (const inst of r.instances ?? []) {
      const key = inst.index_key ?? null;
      const base = `${r.module ? `${r.module}.` : ''}${mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
      instances.push({
        type: r.type,
        name: r.name,
        provider: r.provider ?? '',
        module: r.module ?? null,
        mode,
        index_key: key,
        attributes: inst.attributes ?? {},
        address: key === null ? base : `${base}[${JSON.stringify(key)}]`,
        state: where,
      });
    }
  }
  return { serial: typeof raw.serial === 'number' ? raw.serial : 0, lineage: typeof raw.lineage === 'string' ? raw.lineage : '', instances };
}

/** What was read last from one location, to answer "unchanged" without reading again. */
interface Seen {
  readonly version: string;
  readonly state: TerraformState;
}

export interface StateReader {
  /** The state, and whether it changed (another lineage or serial) since the last read. */
  read(): Promise<{ state: TerraformState; changed: boolean }>;
  /** Requests made (HTTP) or files read, for tests. */
  readonly reads: number;
}

export function stateReader(location: TerraformStateLocation, backend: TerraformBackendClient): StateReader {
  let seen: Seen | undefined;
  let reads = 0;
  const settle = (version: string, state: TerraformState) => {
    const changed = !seen || seen.state.serial !== state.serial || seen.state.lineage !== state.lineage;
    if (changed) seen = { version, state };
    else seen = { version, state: (seen as Seen).state };
    return { state: seen.state, changed };
  };
  async function readFileState() {
    const file = location.path as string;
    let version: string;
    try {
      const s = await stat(file);
      version = `${s.mtimeMs}:${s.size}`;
    } catch (err) {
      throw new LatticeError(ErrorCodes.UPSTREAM_UNAVAILABLE, `Terraform state ${location.name} cannot be read: ${(err as Error).message}`, { details: { state: location.name } });
    }
    if (seen && seen.version === version) return { state: seen.state, changed: false };
    reads++;
    const text = await readFile(file, 'utf8');
    return settle(version, parseState(text, location.name));
  }
  async function readHttpState() {
    reads++;
    const res = await backend.get(location, seen?.version);
    if (res.status === 304 && seen) return { state: seen.state, changed: false };
    if (!res.ok) throw new LatticeError(ErrorCodes.UPSTREAM_UNAVAILABLE, `Terraform state ${location.name}: HTTP ${res.status}`, { details: { state: location.name, status: res.status } });
    return settle(res.headers.get('etag') ?? '', parseState(await res.text(), location.name));
  }
  return {
    read: () => (location.path ? readFileState() : readHttpState()),
    get reads() {
      return reads;
    },
  };
}
