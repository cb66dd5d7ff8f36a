/**
 * Configuration: lattice.yaml plus environment, validated; errors name the key, line and column.
 * Secrets never reach the logs. `npm start`'s entry point serves the seed with no configuration.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig, redactUrl } from '../../src/config/index.ts';
import { LatticeErrors, type LatticeError } from '../../src/errors/index.ts';
import { REDACT_PATHS } from '../../src/server/logger.ts';
import { DASHBOARD_QUERY, gql, ROOT, startTestLattice } from '../helpers/lattice.ts';
import { testRedisUrl } from '../helpers/redis.ts';

function withConfig(yaml: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'lattice-config-'));
  writeFileSync(path.join(dir, 'lattice.yaml'), yaml);
  return dir;
}

describe('configuration', () => {
  it('has defaults that serve the shipped catalog', () => {
    const config = loadConfig({}, ROOT);
    expect(config).toMatchObject({ port: 4000, blueprintsDir: path.join(ROOT, 'schema/blueprints'), catalogDir: path.join(ROOT, 'catalog'), redisUrl: undefined, watch: true });
  });

  it('reads lattice.yaml (paths relative to it), and the environment wins', () => {
    const dir = withConfig('server:\n  port: 5000\nblueprints: bp\nredis:\n  url: redis://cfg:6379\n');
    expect(loadConfig({ LATTICE_CONFIG: path.join(dir, 'lattice.yaml') }, ROOT)).toMatchObject({ port: 5000, blueprintsDir: path.join(dir, 'bp'), redisUrl: 'redis://cfg:6379' });
    expect(loadConfig({ LATTICE_CONFIG: path.join(dir, 'lattice.yaml'), PORT: '6000', REDIS_URL: 'redis://env:6379' }, ROOT)).toMatchObject({ port: 6000, redisUrl: 'redis://env:6379' });
  });

  it('schema.breakingChanges: report by default, refuse when asked, nothing else', () => {
    expect(loadConfig({}, ROOT).breakingChanges).toBe('report');
    const refuse = withConfig('schema:\n  breakingChanges: refuse\n');
    expect(loadConfig({ LATTICE_CONFIG: path.join(refuse, 'lattice.yaml') }, ROOT).breakingChanges).toBe('refuse');
    const bad = withConfig('schema:\n  breakingChanges: ignore\n');
    expect(() => loadConfig({ LATTICE_CONFIG: path.join(bad, 'lattice.yaml') }, ROOT)).toThrow('"schema.breakingChanges" must be equal to one of the allowed values: report, refuse');
  });

  it('automation.maxDependents: 1000 by default, a non-negative integer', () => {
    expect(loadConfig({}, ROOT).automationMaxDependents).toBe(1000);
    const none = withConfig('automation:\n  maxDependents: 0\n');
    expect(loadConfig({ LATTICE_CONFIG: path.join(none, 'lattice.yaml') }, ROOT).automationMaxDependents).toBe(0);
    const bad = withConfig('automation:\n  maxDependents: -1\n');
    expect(() => loadConfig({ LATTICE_CONFIG: path.join(bad, 'lattice.yaml') }, ROOT)).toThrow('"automation.maxDependents" must be >= 0');
  });

  it('names the key, line and column of each error', () => {
    const dir = withConfig('server:\n  prot: 5000\n  port: "x"\nlog:\n  level: loud\n');
    let errors: readonly LatticeError[] = [];
    try {
      loadConfig({ LATTICE_CONFIG: path.join(dir, 'lattice.yaml') }, ROOT);
    } catch (err) {
      errors = (err as LatticeErrors).errors;
    }
    expect(errors.map((e) => [e.code, e.location?.pointer, e.location?.line, e.message])).toEqual([
      ['INVALID_CONFIG', '/server/prot', 2, 'unknown key "server.prot"'],
      ['INVALID_CONFIG', '/server/port', 3, '"server.port" must be integer'],
      ['INVALID_CONFIG', '/log/level', 5, expect.stringContaining('"log.level" must be equal to one of the allowed values: fatal, error')],
    ]);
    const proxies = withConfig('server:\n  trustProxy:\n    - loopback\n    - 10.0.0.0/33\n');
    expect(() => loadConfig({ LATTICE_CONFIG: path.join(proxies, 'lattice.yaml') }, ROOT)).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG', message: expect.stringContaining('"server.trustProxy.1" must be an IP address, a CIDR range'), location: expect.objectContaining({ line: 4 }) }));
    expect(() => loadConfig({ PORT: 'eighty' }, ROOT)).toThrow('PORT must be a port number');
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' }, ROOT)).toThrow('REDIS_URL must start with redis://');
    expect(() => loadConfig({ LATTICE_CONFIG: '/nope/lattice.yaml' }, ROOT)).toThrow('does not exist');
  });
});

describe('secrets stay out of logs', () => {
  it('masks the Redis password and redacts secret fields', async () => {
    expect(redactUrl('redis://user:s3cret@127.0.0.1:6379/0')).toBe('redis://user:***@127.0.0.1:6379/0');
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const log = pino({ level: 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);
    // The suite's Redis with a password in the URL (a Redis without one accepts any for `default`).
    const withPassword = new URL(testRedisUrl());
    withPassword.username = 'default';
    withPassword.password = 's3cret';
    const lattice = await startTestLattice({ redisUrl: withPassword.toString() }, { log });
    try {
      log.info({ headers: { authorization: 'Bearer tok' }, github: { token: 'ghp_x' } }, 'request');
      await gql(lattice.url, '{ __typename }');
    } finally {
      await lattice.close();
    }
    const all = lines.join('');
    expect(all).toContain(`redis://default:***@${withPassword.host}`);
    expect(all).not.toContain('s3cret');
    expect(all).not.toContain('Bearer tok');
    expect(all).not.toContain('ghp_x');
  });
});

describe('npm start', () => {
  it('serves the seed dashboard with no configuration', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'src/server/main.ts')], { cwd: ROOT, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', REDIS_URL: '', LATTICE_CONFIG: '' } });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const m = out.match(/"url":"(http:\/\/127\.0\.0\.1:\d+)\/graphql"/);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
      });
      const res = await gql(url, DASHBOARD_QUERY);
      expect(res.errors).toBeUndefined();
      expect(res.data.domain.systemsByDomain.nodes.map((s: { identifier: string }) => s.identifier)).toEqual(['Cart', 'Products']);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
