/**
 * The source registry: the one list of source plugins (one folder each under datasources/), and
 * what the gateway makes of the `sources:` of lattice.yaml with it: the sources (in configuration
 * order), their schema extensions, the invokers their upstreams provide, and their webhooks.
 * Adding a kind of upstream is a folder under datasources/ and one line in PLUGINS.
 */
import type { SourceConfig } from '../config/types.ts';
import type { Invokers } from '../data/Invoker.ts';
import type { Source } from '../data/Source.ts';
import type { SchemaExtension, SchemaView, SourceDeps, SourcePlugin, WebhookDeps, WebhookHandler } from '../data/SourcePlugin.ts';
import { ErrorCodes, LatticeError } from '../errors/index.ts';
import { SOURCE_STATUS_SDL } from '../schema/sourceStatus.ts';
import { aws } from '../../datasources/aws/index.ts';
import { github } from '../../datasources/github/index.ts';
import { kubernetes } from '../../datasources/kubernetes/index.ts';
import { terraform } from '../../datasources/terraform/index.ts';
import { sourceStatusResolvers } from '../../resolvers/sources.ts';

export const PLUGINS: readonly SourcePlugin[] = [github, kubernetes, aws, terraform];

export interface Sources {
  readonly all: readonly Source[];
  /** Every source with its kind, in configuration order. */
  readonly entries: readonly { readonly kind: string; readonly source: Source }[];
  /** What the sources add to a generation's schema: the plugins' extensions, and `lattice { sources }`. */
  extensions(view: SchemaView): SchemaExtension[];
  /** The invokers the configured upstreams provide (GITHUB, KUBERNETES). */
  invokers(): Invokers;
  /** `POST /webhooks/<kind>` handlers, for the kinds that have webhooks and are configured. */
  webhooks(deps: WebhookDeps): ReadonlyMap<string, WebhookHandler>;
}

export function createSources(configs: readonly SourceConfig[], deps: SourceDeps, plugins: readonly SourcePlugin[] = PLUGINS): Sources {
  const names = new Set<string>();
  const entries = configs.map((c) => {
    const plugin = plugins.find((p) => p.kind === c.kind);
    if (!plugin) throw new LatticeError(ErrorCodes.INVALID_CONFIG, `source "${c.name}": unknown kind "${c.kind}"; known: ${plugins.map((p) => p.kind).join(', ')}`, { location: { pointer: `${c.pointer}/kind` } });
    if (names.has(c.name)) throw new LatticeError(ErrorCodes.INVALID_CONFIG, `two sources are named "${c.name}"`, { location: { pointer: `${c.pointer}/name` } });
    names.add(c.name);
    return { kind: c.kind, source: plugin.create(c, deps) };
  });
  // Each plugin with the sources of its kind, for the kinds that are configured.
  const used = plugins.flatMap((plugin) => {
    const own = entries.filter((e) => e.kind === plugin.kind).map((e) => e.source);
    return own.length ? [{ plugin, sources: own }] : [];
  });
  return {
    all: entries.map((e) => e.source),
    entries,
    extensions(view) {
      const own = used.flatMap(({ plugin, sources }) => plugin.schema?.(sources, view) ?? []);
      return entries.length ? [...own, { typeDefs: SOURCE_STATUS_SDL, resolvers: sourceStatusResolvers(entries) }] : own;
    },
    invokers() {
      const out: Partial<Record<string, Invokers[keyof Invokers]>> = {};
      for (const { plugin, sources } of used) {
        const provided = plugin.invoker?.(sources);
        if (provided) out[provided.type] = provided.invoker;
      }
      return out;
    },
    webhooks(webhookDeps) {
      return new Map(used.flatMap(({ plugin, sources }) => (plugin.webhook ? [[plugin.kind, plugin.webhook(sources, webhookDeps)] as const] : [])));
    },
  };
}
