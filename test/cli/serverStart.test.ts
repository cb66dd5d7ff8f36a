/**
 * Starting the gateway as an operator does: `node src/server/main.ts` (what `npm start` runs) on a
 * port another process holds prints one line naming the port and its settings, and exits 1 (a hang
 * fails the test: the child is killed after 60 s and the exit would be null); and `GET /` points at
 * the API: 302 to GraphiQL when it is on, a small JSON naming /graphql when it is off.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { ROOT, startTestLattice } from '../helpers/lattice.ts';

const started: Lattice[] = [];
afterAll(async () => {
  for (const l of started) await l.close();
});

describe('npm start on a port in use', () => {
  it('prints "port N is already in use (PORT / server.port)" and exits 1', async () => {
    const holder = http.createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    const port = (holder.address() as AddressInfo).port;
    try {
      const child = spawn(process.execPath, ['src/server/main.ts'], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', LATTICE_CONFIG: '' },
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
      child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
      const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
      clearTimeout(killer);
      expect(code).toBe(1);
      expect(err.trim().split('\n')).toEqual([`port ${port} is already in use (PORT / server.port)`]);
      expect(out).toBe('');
    } finally {
      await new Promise((r) => holder.close(r));
    }
  }, 90_000);
});

describe('GET /', () => {
  it('redirects (302) to /graphql when GraphiQL is on', async () => {
    const lattice = await startTestLattice({ graphiql: true });
    started.push(lattice);
    const res = await fetch(`${lattice.url}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/graphql');
  });

  it('answers a small JSON pointing at /graphql when GraphiQL is off, not a 404', async () => {
    const lattice = await startTestLattice({ graphiql: false });
    started.push(lattice);
    const res = await fetch(`${lattice.url}/`, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ graphql: '/graphql', message: 'this is Lattice: POST GraphQL to /graphql' });
  });
});
