/**
 * The programs the test suite runs besides Node (Debian's Chromium, kubectl, jq, redis-server):
 * where each test looks for it, and the .ci/install-*.sh script that installs it from Debian.
 * `ensureTools` (run by the global setup) installs what is missing, and reports what it could not
 * install (no root, no network) with the command to run, so a fresh machine needs no manual step.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export interface Tool {
  readonly name: string;
  /** The test that needs it, for the messages. */
  readonly neededBy: string;
  /** The script (relative to the repository) that installs it; silent and quick when it is there. */
  readonly script: string;
  /** Whether the tool is where the test looks for it. */
  present(): boolean;
}

/** Whether `file` exists and may be executed. */
function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether `command` is an executable in one of the folders of `PATH`. */
export function onPath(command: string, PATH: string | undefined): boolean {
  return (PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && executable(path.join(dir, command)));
}

/** The suite's tools, looked up exactly where their tests look for them. */
export function suiteTools(env: Readonly<Record<string, string | undefined>>): readonly Tool[] {
  return [
    { name: 'chromium', neededBy: 'test/e2e/graphiql.test.ts (at /usr/bin/chromium)', script: '.ci/install-chromium.sh', present: () => executable('/usr/bin/chromium') },
    { name: 'kubectl', neededBy: 'test/simulators/kubernetes (on the PATH)', script: '.ci/install-kubectl.sh', present: () => onPath('kubectl', env.PATH) },
    { name: 'jq', neededBy: `test/model/jq/differential.test.ts (at ${env.LATTICE_JQ_BIN ?? '/usr/bin/jq'})`, script: '.ci/install-jq.sh', present: () => executable(env.LATTICE_JQ_BIN ?? '/usr/bin/jq') },
    { name: 'redis-server', neededBy: 'test/faults and test/setup/redis.ts (on the PATH)', script: '.ci/install-redis.sh', present: () => onPath('redis-server', env.PATH) },
  ];
}

export interface EnsureOptions {
  /** The repository root: scripts are relative to it. */
  readonly root: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** One line per install attempt. */
  readonly say: (line: string) => void;
}

/**
 * Installs each missing tool with its script; returns one problem per tool still missing after
 * that (empty when everything is there), each naming the command that installs it.
 */
export function ensureTools(tools: readonly Tool[], options: EnsureOptions): string[] {
  const problems: string[] = [];
  for (const tool of tools) {
    if (tool.present()) continue;
    options.say(`${tool.name} is missing (needed by ${tool.neededBy}): installing it with \`bash ${tool.script}\``);
    const result = spawnSync('bash', [path.join(options.root, tool.script)], { cwd: options.root, env: { ...options.env }, encoding: 'utf8' });
    if (result.status === 0 && tool.present()) continue;
    const why = (result.error?.message ?? result.stderr.trim().split('\n').slice(-3).join(' / ')) || `exit code ${result.status}`;
    problems.push(`${tool.name} is missing (needed by ${tool.neededBy}) and could not be installed: ${why}. Run \`sudo bash ${tool.script}\` (Debian), or install ${tool.name} yourself, then the tests again.`);
  }
  return problems;
}
