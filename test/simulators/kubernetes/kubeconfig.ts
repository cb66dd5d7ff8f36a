/**
 * Kubeconfig documents for simulators: one context per simulator (cluster `server: <sim.url>`,
 * user with the simulator's token when it has one, optional default namespace). Clusters are
 * marked `insecure-skip-tls-verify: true`: @kubernetes/client-node 2.x refuses an `http:` server
 * otherwise ("HTTP protocol is not allowed when skipTLSVerify is not set or false"); kubectl
 * accepts the flag over plain HTTP. The YAML is what
 * `kubectl --kubeconfig <file>` and @kubernetes/client-node's `KubeConfig.loadFromString` read;
 * the object is the same document as data.
 *
 *   kubeconfigFor(sim, { context: 'staging' }).yaml
 *   kubeconfigFor([{ sim: staging, context: 'staging' }, { sim: production, context: 'production' }]).yaml
 */
import { stringify } from 'yaml';

/** What a kubeconfig needs from a simulator. */
export interface KubeconfigTarget {
  readonly url: string;
  readonly token?: string;
}

export interface KubeconfigContextOptions {
  /** Context name; also the cluster and user names (default `simulator`). */
  readonly context?: string;
  /** Default namespace of the context. */
  readonly namespace?: string;
}

export interface KubeconfigEntry extends KubeconfigContextOptions {
  readonly sim: KubeconfigTarget;
}

export interface KubeconfigDocument {
  apiVersion: 'v1';
  kind: 'Config';
  preferences: Record<string, never>;
  clusters: { name: string; cluster: { server: string; 'insecure-skip-tls-verify': true } }[];
  users: { name: string; user: { token?: string } }[];
  contexts: { name: string; context: { cluster: string; user: string; namespace?: string } }[];
  'current-context': string;
}

export interface Kubeconfig {
  readonly yaml: string;
  readonly document: KubeconfigDocument;
}

/**
 * A kubeconfig for one simulator, or for several (one context each). The current context is the
 * `currentContext` option, else the first.
 */
export function kubeconfigFor(
  target: KubeconfigTarget | readonly KubeconfigEntry[],
  options: KubeconfigContextOptions & { readonly currentContext?: string } = {},
): Kubeconfig {
  const entries: readonly KubeconfigEntry[] = Array.isArray(target) ? target : [{ sim: target as KubeconfigTarget, ...options }];
  if (entries.length === 0) throw new Error('kubeconfigFor: no simulator given');
  const names = entries.map((e, i) => e.context ?? (entries.length === 1 ? 'simulator' : `simulator-${i}`));
  if (new Set(names).size !== names.length) throw new Error(`kubeconfigFor: context names must differ (${names.join(', ')})`);
  const document: KubeconfigDocument = {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: entries.map((e, i) => ({ name: names[i], cluster: { server: e.sim.url, 'insecure-skip-tls-verify': true } })),
    users: entries.map((e, i) => ({ name: names[i], user: e.sim.token ? { token: e.sim.token } : {} })),
    contexts: entries.map((e, i) => ({ name: names[i], context: { cluster: names[i], user: names[i], ...(e.namespace ? { namespace: e.namespace } : {}) } })),
    'current-context': options.currentContext ?? names[0],
  };
  if (!names.includes(document['current-context'])) throw new Error(`kubeconfigFor: no context named ${document['current-context']}`);
  return { yaml: stringify(document), document };
}
