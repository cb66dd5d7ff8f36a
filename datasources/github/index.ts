/**
 * The GitHub plugin (kind `github`): repositories, pull requests and manifests of an organisation
 * (source.ts, through the counted client.ts), GitHub's own graph joined onto the entity types
 * repositories map to (join.ts), GITHUB actions as workflow dispatches (invoker.ts, with the
 * first GitHub source's API and token), and `POST /webhooks/github` (webhooks.ts).
 */
import type { SourcePlugin } from '../../src/data/SourcePlugin.ts';
import { githubInvoker } from './invoker.ts';
import { githubJoin } from './join.ts';
import { createGitHubSource, type GitHubSource } from './source.ts';
import { handleGitHubWebhook } from './webhooks.ts';

/** GitHub's web URL for an API URL: https://api.github.com → https://github.com; GHES https://HOST/api/v3 → https://HOST. */
function webUrl(apiUrl: string): string {
  return apiUrl.replace(/\/api\/v3\/?$/, '').replace('://api.github.com', '://github.com');
}

export const github: SourcePlugin<GitHubSource> = {
  kind: 'github',
  create: createGitHubSource,
  invoker([first]) {
    if (!first) return undefined;
    return { type: 'GITHUB', invoker: githubInvoker({ client: first.client, webUrl: webUrl(first.options.url) }) };
  },
  schema(sources, view) {
    return sources.flatMap((s) => {
      const targets = s.repositoryBlueprints.flatMap((blueprint) => {
        const typeName = view.typeName(blueprint);
        return typeName ? [{ blueprint, typeName }] : [];
      });
      return targets.length ? [githubJoin(s, targets, view.joinField('github', 'Repository'))] : [];
    });
  },
  webhook: (sources, deps) => (request) => handleGitHubWebhook(sources, deps, request),
};
