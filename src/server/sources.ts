/**
 * The source registry: which datasource serves which `kind` of `sources[]` entry. Sources are
 * registered here explicitly (no module loading by name), and created from the configuration
 * with the shared cache.
 */
import type { Logger } from 'pino';
import type { SharedCache } from '../data/SharedCache.ts';
import type { SourceConfig } from '../config/types.ts';
import { ErrorCodes, LatticeError } from '../errors/index.ts';
import type { Source } from '../data/Source.ts';
import { createGitHubSource, type GitHubSource } from '../../datasources/github/source.ts';
import { githubJoin } from '../../datasources/github/join.ts';
import { createKubernetesSource } from '../../datasources/kubernetes/source.ts';
import { sourceStatusExtension } from '../../datasources/kubernetes/status.ts';
import { createTerraformSource } from '../../datasources/terraform/source.ts';
import { createAwsSource } from '../../datasources/aws/source.ts';
import type { EntityChange } from '../data/topics.ts';
import type { SchemaExtension } from '../schema/build.ts';
import type { SchemaPlan } from '../schema/plan.ts';

export interface SourceDeps {
  readonly cache: SharedCache;
  readonly log: Logger;
  /** Watched sources report the entities their watch events change (entityChanged). */
  readonly onChange?: (change: EntityChange) => void;
  /** Where relative paths in source options start (the folder of lattice.yaml). */
  readonly baseDir?: string;
}

type Factory = (config: SourceConfig, deps: SourceDeps) => Source;

const KINDS: Readonly<Record<string, Factory>> = {
  github: createGitHubSource,
  kubernetes: createKubernetesSource,
  terraform: createTerraformSource,
  aws: createAwsSource,
};

export interface Sources {
  readonly all: readonly Source[];
  readonly github: readonly GitHubSource[];
  /** Every source with its kind, in configuration order. */
  readonly entries: readonly { readonly kind: string; readonly source: Source }[];
}

/** The schema extensions of the sources: GitHub's graph joined onto the types repositories map to; `lattice { sources }`. */
export function sourceExtensions(sources: Sources, plan: SchemaPlan): SchemaExtension[] {
  const joins = sources.github.flatMap((s) => {
    const targets = s.repositoryBlueprints.flatMap((blueprint) => (plan.model.get(blueprint) ? [{ blueprint, typeName: plan.type(blueprint).typeName }] : []));
    return targets.length ? [githubJoin(s, targets, plan.inflection.joinField('github', 'Repository'))] : [];
  });
  return sources.entries.length ? [...joins, sourceStatusExtension(sources.entries)] : joins;
}

export function createSources(configs: readonly SourceConfig[], deps: SourceDeps): Sources {
  const names = new Set<string>();
  const all = configs.map((c) => {
    const factory = KINDS[c.kind];
    if (!factory) throw new LatticeError(ErrorCodes.INVALID_CONFIG, `source "${c.name}": unknown kind "${c.kind}"; known: ${Object.keys(KINDS).join(', ')}`, { location: { pointer: `${c.pointer}/kind` } });
    if (names.has(c.name)) throw new LatticeError(ErrorCodes.INVALID_CONFIG, `two sources are named "${c.name}"`, { location: { pointer: `${c.pointer}/name` } });
    names.add(c.name);
    return { kind: c.kind, source: factory(c, deps) };
  });
  return { all: all.map((s) => s.source), github: all.filter((s) => s.kind === 'github').map((s) => s.source as GitHubSource), entries: all };
}
