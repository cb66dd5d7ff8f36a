/**
 * The Terraform source: the resources of Terraform state files (format version 4), from a local
 * path or an HTTP backend, mapped to entities by the `resources` of its lattice.yaml entry. A
 * resource's `kind` is a Terraform resource type (`aws_db_instance`), or `*` for every type; each
 * instance (`resources[].instances[]`) is one object for the mappings:
 * `{ type, name, provider, module, mode, index_key, attributes, address, state }`.
 *
 * Read through the shared cache (ttl). When the ttl is past, each state is checked, not re-read:
 * a file by its mtime and size, an HTTP backend with `If-None-Match`; and a state whose serial
 * (and lineage) did not change is not mapped again. HTTP backends are read through client.ts,
 * every request counted for the source.
 */
import type { Logger } from 'pino';
import type { SharedCache } from '../../src/data/SharedCache.ts';
import type { SourceConfig } from '../../src/config/types.ts';
import type { EntityInput } from '../../src/model/entities/entity.ts';
import { compileMapping, fillsOf, mapOrSkip } from '../../src/data/mapping.ts';
import type { Source, SourceSnapshot } from '../../src/data/Source.ts';
import { parseTerraformOptions, type TerraformOptions } from './options.ts';
import { createBackendClient } from './client.ts';
import { stateReader, type StateReader } from './state.ts';

export interface TerraformSource extends Source {
  readonly options: TerraformOptions;
  /** One reader per configured state (counts reads, for tests). */
  readonly readers: readonly StateReader[];
}

export function createTerraformSource(config: SourceConfig, deps: { cache: SharedCache; log: Logger; baseDir?: string }): TerraformSource {
  const options = parseTerraformOptions(config.options, config.pointer, deps.baseDir ?? process.cwd());
  const origin = `source:${config.name}`;
  const warn = (fields: Record<string, unknown>, message: string) => deps.log.warn({ source: config.name, ...fields }, message);
  const mappings = config.resources.map((r, i) => compileMapping(r, origin, `${config.pointer}/resources/${i}`));
  const { dynamic, fills } = fillsOf(mappings);
  const policy = { ttlMs: (config.ttlSeconds ?? 60) * 1000, maxStaleMs: (config.maxStaleSeconds ?? 86_400) * 1000 };
  const keyPrefix = `terraform:${config.name}:`;
  const backend = createBackendClient(config.name, options.timeoutMs);
  const readers = options.states.map((s) => stateReader(s, backend));
  /** The entities mapped from each state at its last serial: an unchanged state is not mapped again. */
  const mapped: (readonly EntityInput[] | undefined)[] = readers.map(() => undefined);

  async function fetchSnapshot(): Promise<{ entities: EntityInput[] }> {
    const entities: EntityInput[] = [];
    await Promise.all(
      readers.map(async (reader, i) => {
        const { state, changed } = await reader.read();
        if (changed || !mapped[i]) {
          const out: EntityInput[] = [];
          for (const m of mappings) {
            for (const object of state.instances) {
              if (m.kind !== '*' && m.kind !== object.type) continue;
              out.push(...(await mapOrSkip(m, object, undefined, warn, object.address)));
            }
          }
          mapped[i] = out;
          deps.log.debug({ source: config.name, state: options.states[i].name, serial: state.serial }, 'terraform state mapped');
        }
      }),
    );
    for (const list of mapped) entities.push(...(list ?? []));
    return { entities };
  }

  return {
    name: config.name,
    options,
    readers,
    feeds: (blueprint) => dynamic || fills.has(blueprint),
    fills: (blueprint) => fills.get(blueprint) ?? new Set(),
    async snapshot(): Promise<SourceSnapshot> {
      const r = await deps.cache.read(`${keyPrefix}snapshot`, policy, fetchSnapshot);
      return { entities: r.value.entities, fetchedAt: r.fetchedAt, stale: r.stale };
    },
    async invalidate(prefix = '') {
      await deps.cache.invalidate(`${keyPrefix}${prefix}`);
    },
  };
}
