/**
 * The workflows the GitHub simulator knows how to run when they are dispatched, by file name (in
 * any repository of the organization): what GitHub shows as the run's title (`run-name`, with
 * `${{ inputs.x }}` substituted as GitHub does) and what the run does to the simulated data. These
 * are the platform team's workflows behind the shipped GITHUB actions (schema/actions/); a
 * workflow not listed here still runs, titled with its file name, and succeeds with no effect.
 *
 * `run` returns the run's conclusion and a line on what it did; it may change `org` (the data the
 * simulator serves), as a real workflow changes GitHub: scaffold.yml creates the repository with
 * its `port.yml`, force-merge.yml merges the pull request.
 */
import { stringify } from 'yaml';
import { addRepository, type GitHubOrganization } from './seed.ts';

export type Conclusion = 'success' | 'failure';

export interface SimWorkflow {
  /** The workflow's `name:`. */
  readonly name: string;
  /** Its `run-name:`, with `${{ inputs.x }}` expressions. */
  readonly runName: string;
  readonly run: (org: GitHubOrganization, inputs: Readonly<Record<string, string>>) => { readonly conclusion: Conclusion; readonly note: string };
}

export const PLATFORM_WORKFLOWS: Readonly<Record<string, SimWorkflow>> = {
  'scaffold.yml': {
    name: 'Scaffold a service',
    runName: 'scaffold ${{ inputs.name }} (${{ inputs.run_id }})',
    run(org, inputs) {
      const name = inputs.name ?? '';
      if (!/^[a-z][a-z0-9-]*$/.test(name)) return { conclusion: 'failure', note: `invalid service name ${JSON.stringify(name)}` };
      if (org.repositories.some((r) => r.name.toLowerCase() === name.toLowerCase())) return { conclusion: 'failure', note: `repository ${org.login}/${name} already exists` };
      const entity = { identifier: name, title: name, blueprint: 'Component', properties: { type: 'service' }, relations: { system: inputs.system ?? null } };
      addRepository(org, { name, description: `${name}, scaffolded from the ${inputs.language ?? 'go'} template`, language: inputs.language, files: { 'port.yml': stringify(entity), 'README.md': `# ${name}\n` } });
      return { conclusion: 'success', note: `created ${org.login}/${name}` };
    },
  },
  'deploy.yml': {
    name: 'Deploy',
    runName: 'deploy ${{ inputs.service }} ${{ inputs.version }} to ${{ inputs.environment }} (${{ inputs.strategy }}, ${{ inputs.run_id }})',
    run(_org, inputs) {
      if (inputs.strategy !== 'canary' && inputs.strategy !== 'blue-green') return { conclusion: 'failure', note: `unknown strategy ${JSON.stringify(inputs.strategy)}` };
      return { conclusion: 'success', note: `${inputs.service} ${inputs.version} rolled out to ${inputs.environment} (${inputs.strategy})` };
    },
  },
  'force-merge.yml': {
    name: 'Force-merge a pull request',
    runName: 'force-merge ${{ inputs.repository }}#${{ inputs.number }} (${{ inputs.run_id }})',
    run(org, inputs) {
      const repo = org.repositories.find((r) => r.name.toLowerCase() === (inputs.repository ?? '').toLowerCase());
      const pr = repo?.pullRequests.find((p) => String(p.number) === inputs.number);
      if (!repo || !pr) return { conclusion: 'failure', note: `no pull request ${inputs.repository}#${inputs.number}` };
      if (pr.state !== 'OPEN') return { conclusion: 'failure', note: `${repo.name}#${pr.number} is ${pr.state.toLowerCase()}` };
      const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      Object.assign(pr, { state: 'MERGED', merged: true, closed: true, mergedAt: at, closedAt: at, updatedAt: at });
      return { conclusion: 'success', note: `merged ${repo.name}#${pr.number} without its checks` };
    },
  },
  'add-env-var.yml': {
    name: 'Add an environment variable',
    runName: 'env ${{ inputs.name }} for ${{ inputs.service }} in ${{ inputs.environment }} (${{ inputs.run_id }})',
    run(_org, inputs) {
      if (!/^[A-Z_][A-Z0-9_]*$/.test(inputs.name ?? '')) return { conclusion: 'failure', note: `invalid variable name ${JSON.stringify(inputs.name)}` };
      return { conclusion: 'success', note: `${inputs.name} set on ${inputs.service} in ${inputs.environment}` };
    },
  },
  'train-model.yml': {
    name: 'Train a model',
    runName: 'train ${{ inputs.model }} on ${{ inputs.dataset }} (${{ inputs.run_id }})',
    run(_org, inputs) {
      return { conclusion: 'success', note: `trained ${inputs.model} on ${inputs.dataset} for ${inputs.epochs} epochs` };
    },
  },
};

/** A `run-name` with `${{ inputs.x }}` replaced (an input not given is empty, as on GitHub). */
export function renderRunName(template: string, inputs: Readonly<Record<string, string>>): string {
  return template.replace(/\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}/g, (_m, name: string) => inputs[name] ?? '');
}
