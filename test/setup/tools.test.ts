/**
 * The tools step of the global setup (tools.ts) with real scripts and real files: a tool that is
 * there costs nothing, a missing one is installed by its script, and one that cannot be installed
 * is reported with the reason and the command to run. Also the real .ci/install-*.sh scripts: silent
 * and successful when their tool is there (the global setup made sure of that before this file ran),
 * and apt-install.sh's message on a machine without apt-get.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/lattice.ts';
import { ensureTools, onPath, suiteTools, type Tool } from './tools.ts';

/** A temporary repository with one script at `.ci/install-fake.sh`, and a bin folder for the fake tool. */
function sandbox(script: string): { root: string; bin: string; ran: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'lattice-tools-'));
  const bin = path.join(root, 'bin');
  mkdirSync(bin);
  mkdirSync(path.join(root, '.ci'));
  const ran = path.join(root, 'ran');
  writeFileSync(path.join(root, '.ci/install-fake.sh'), `touch ${JSON.stringify(ran)}\n${script}\n`);
  return { root, bin, ran };
}

function fakeTool(bin: string): Tool {
  return { name: 'faketool', neededBy: 'test/fake.test.ts', script: '.ci/install-fake.sh', present: () => onPath('faketool', bin) };
}

describe('ensureTools', () => {
  it('runs no script for a tool that is there', () => {
    const box = sandbox('exit 1');
    writeFileSync(path.join(box.bin, 'faketool'), '#!/bin/sh\n');
    chmodSync(path.join(box.bin, 'faketool'), 0o755);
    const said: string[] = [];
    expect(ensureTools([fakeTool(box.bin)], { root: box.root, env: process.env, say: (l) => said.push(l) })).toEqual([]);
    expect(said).toEqual([]);
    expect(existsSync(box.ran)).toBe(false);
  });

  it('installs a missing tool with its script, saying so once', () => {
    const box = sandbox(`printf '#!/bin/sh\\n' > ${JSON.stringify(path.join('bin', 'faketool'))} && chmod +x bin/faketool`);
    const said: string[] = [];
    expect(ensureTools([fakeTool(box.bin)], { root: box.root, env: process.env, say: (l) => said.push(l) })).toEqual([]);
    expect(said).toEqual(['faketool is missing (needed by test/fake.test.ts): installing it with `bash .ci/install-fake.sh`']);
    expect(onPath('faketool', box.bin)).toBe(true);
  });

  it('reports a tool it cannot install with the reason and the command to run', () => {
    const box = sandbox(`echo "apt noise" >&2\necho "cannot install faketool: installing needs root" >&2\nexit 1`);
    const problems = ensureTools([fakeTool(box.bin)], { root: box.root, env: process.env, say: () => undefined });
    expect(problems).toEqual(['faketool is missing (needed by test/fake.test.ts) and could not be installed: apt noise / cannot install faketool: installing needs root. Run `sudo bash .ci/install-fake.sh` (Debian), or install faketool yourself, then the tests again.']);
  });

  it('reports a script that succeeds without installing the tool', () => {
    const box = sandbox('exit 0');
    const problems = ensureTools([fakeTool(box.bin)], { root: box.root, env: process.env, say: () => undefined });
    expect(problems).toEqual(['faketool is missing (needed by test/fake.test.ts) and could not be installed: exit code 0. Run `sudo bash .ci/install-fake.sh` (Debian), or install faketool yourself, then the tests again.']);
    expect(existsSync(box.ran)).toBe(true);
  });
});

describe('the .ci install scripts', () => {
  it.each(suiteTools(process.env).map((t) => [t.name, t.script]))('%s: %s exits 0 and prints nothing when the tool is there', (name, script) => {
    const tool = suiteTools(process.env).find((t) => t.name === name);
    expect(tool?.present(), `${name} should be present: the global setup installs it`).toBe(true);
    const result = spawnSync('bash', [path.join(ROOT, script)], { encoding: 'utf8' });
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('apt-install.sh says what is wrong on a machine without apt-get', () => {
    const result = spawnSync('/bin/bash', [path.join(ROOT, '.ci/apt-install.sh'), 'jq'], { encoding: 'utf8', env: { PATH: path.join(tmpdir(), 'lattice-no-such-dir') } });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('cannot install jq: apt-get not found (not a Debian machine)\n');
  });
});
