/**
 * docs/configuration.md, "Authentication and roles (`auth:`)", works as written: every fenced
 * YAML block of that section is loaded through the real config loader (src/config) and turned into
 * a real authenticator (src/auth), and what the prose promises is checked against them: the example
 * tokens are the identities the blocks give them, a wrong token is refused even where anonymous
 * callers may read, the documented JWT payload maps to the documented user, team and role, and the
 * documented `connection_init` message authenticates a graphql-ws connection to a running gateway.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createAuthenticator, sha256Hex } from '../../src/auth/authenticate.ts';
import { loadConfig } from '../../src/config/index.ts';
import type { Config } from '../../src/config/types.ts';
import type { Lattice } from '../../src/server/app.ts';
import { ROOT, startTestLattice } from '../helpers/lattice.ts';
import { rawConnect } from '../helpers/rawWs.ts';

const HEADING = '## Authentication and roles (`auth:`)';
const DOC = readFileSync(path.join(ROOT, 'docs/configuration.md'), 'utf8');

/** The section's text: from its heading to the next level-2 heading. */
function section(doc: string, heading: string): string {
  const start = doc.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`docs/configuration.md has no heading "${heading}"`);
  const rest = doc.slice(start + heading.length + 2);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

/** The fenced blocks of one language, in order. */
function fenced(text: string, language: string): string[] {
  return [...text.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => m[1]);
}

/** `text` once the pattern matched, its groups; a clear failure naming the pattern otherwise. */
function prose(text: string, pattern: RegExp): string[] {
  const m = pattern.exec(text);
  if (!m) throw new Error(`the auth section no longer says ${pattern}`);
  return m.slice(1);
}

const AUTH = section(DOC, HEADING);
const YAML_BLOCKS = fenced(AUTH, 'yaml');
const EXAMPLE_TOKENS = prose(AUTH, /example tokens `([^`]+)` and\s+`([^`]+)`/);

interface Loaded {
  readonly yaml: string;
  readonly config: Config;
  readonly authenticate: ReturnType<typeof createAuthenticator>;
}

/** A JWKS of one fresh key pair, for blocks that name a `jwksFile`, and a signer with its private key. */
const keys = await generateKeyPair('ES256');
const JWKS = { keys: [{ ...(await exportJWK(keys.publicKey)), kid: 'docs', alg: 'ES256', use: 'sig' }] };
const sign = (payload: Record<string, unknown>) => new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: 'docs' }).setExpirationTime('5m').sign(keys.privateKey);

/** Loads one block as lattice.yaml in a folder of its own (with the JWKS file it names, if any). */
function load(yaml: string): Loaded {
  const dir = mkdtempSync(path.join(tmpdir(), 'lattice-docs-auth-'));
  writeFileSync(path.join(dir, 'lattice.yaml'), yaml);
  const jwksFile = (parse(yaml) as { auth?: { jwt?: { jwksFile?: string } } }).auth?.jwt?.jwksFile;
  if (jwksFile) writeFileSync(path.join(dir, jwksFile), JSON.stringify(JWKS));
  const config = loadConfig({ LATTICE_CONFIG: path.join(dir, 'lattice.yaml') }, dir);
  return { yaml, config, authenticate: createAuthenticator(config.auth) };
}

const withTokens = () => YAML_BLOCKS.map(load).filter((b) => b.config.auth.tokens.length > 0);

describe(`docs/configuration.md: ${HEADING}`, () => {
  it('has YAML blocks to check', () => {
    expect(YAML_BLOCKS.length).toBeGreaterThanOrEqual(4);
  });

  it.each(YAML_BLOCKS.map((yaml, i) => [i + 1, yaml]))('YAML block %i loads through the config loader, unchanged', (_i, yaml) => {
    const { config } = load(yaml);
    const written = (parse(yaml) as { auth: Record<string, any> }).auth;
    expect(config.auth.anonymous).toBe(written.anonymous ?? true);
    expect(config.auth.tokens).toEqual(written.tokens ?? []);
    expect(config.auth.jwt === undefined).toBe(written.jwt === undefined);
    if (written.jwt) expect(config.auth.jwt).toMatchObject({ ...written.jwt, jwksFile: written.jwt.jwksFile && expect.stringMatching(new RegExp(`/${written.jwt.jwksFile}$`)) });
  });

  it('the example tokens are the identities the blocks give them; nothing else is an API token', async () => {
    const blocks = withTokens();
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      for (const entry of block.config.auth.tokens) {
        const token = EXAMPLE_TOKENS.find((t) => sha256Hex(t) === entry.sha256.toLowerCase());
        expect(token, `token "${entry.name}": its sha256 is the hash of one of the example tokens`).toBeDefined();
        await expect(block.authenticate(`Bearer ${token}`)).resolves.toEqual({ user: entry.user, teams: entry.teams ?? [], roles: entry.roles ?? [], anonymous: false, via: `token:${entry.name}` });
      }
      await expect(block.authenticate('Bearer lattice-example-wrong-token')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('wrong credentials are refused even where anonymous callers may read; no credentials are anonymous there', async () => {
    const open = YAML_BLOCKS.map(load).find((b) => b.config.auth.anonymous && b.config.auth.tokens.length > 0);
    expect(open, 'a block with anonymous: true and tokens').toBeDefined();
    await expect(open!.authenticate(undefined)).resolves.toMatchObject({ user: 'anonymous', anonymous: true, roles: [], teams: [] });
    await expect(open!.authenticate('Bearer not-a-token')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('with anonymous: false, no credentials are refused', async () => {
    const closed = YAML_BLOCKS.map(load).filter((b) => !b.config.auth.anonymous);
    expect(closed.length).toBeGreaterThan(0);
    for (const block of closed) await expect(block.authenticate(undefined)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('the documented JWT payload is the documented user, team and role', async () => {
    const [payloadText] = prose(AUTH, /a token whose payload is\s+`([^`]+)`/);
    const [user, team, role] = prose(AUTH, /is the user `([^`]+)`\s+of team `([^`]+)` with the role `([^`]+)`/);
    const payload = JSON.parse(payloadText.replace(/\s*\n\s*/g, ' ')) as Record<string, unknown>;
    const block = YAML_BLOCKS.map(load).find((b) => b.config.auth.jwt?.jwksFile && b.config.auth.jwt.claims);
    expect(block, 'a block with jwksFile and claims').toBeDefined();
    await expect(block!.authenticate(`Bearer ${await sign(payload)}`)).resolves.toEqual({ user, teams: [team], roles: [role], anonymous: false, via: 'jwt' });
    // Another application's token (another audience) from the same provider is refused.
    await expect(block!.authenticate(`Bearer ${await sign({ ...payload, aud: 'another-app' })}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('docs/configuration.md: authenticating over graphql-ws', () => {
  let lattice: Lattice;
  const [message] = fenced(AUTH, 'json').map((m) => JSON.parse(m) as { type: string; payload: Record<string, string> });

  beforeAll(async () => {
    const block = withTokens().find((b) => !b.config.auth.anonymous);
    if (!block) throw new Error('the auth section has no block with tokens and anonymous: false');
    lattice = await startTestLattice({ auth: block.config.auth });
  });
  afterAll(async () => lattice?.close());

  it('the documented connection_init message opens a connection that runs operations as that identity', async () => {
    expect(message).toMatchObject({ type: 'connection_init', payload: { authorization: expect.stringMatching(/^Bearer /) } });
    const c = await rawConnect(lattice.url);
    try {
      c.send(message);
      await c.take((m) => m.type === 'connection_ack');
      expect(await c.run('1', '{ component(identifier: "CartService") { identifier } }')).toEqual({ next: expect.objectContaining({ data: { component: { identifier: 'CartService' } } }) });
    } finally {
      c.ws.close();
    }
  });

  it('the bare `token` form works too; no credentials or a wrong token close the socket with 4403', async () => {
    const token = message.payload.authorization.replace(/^Bearer /, '');
    const viaToken = await rawConnect(lattice.url);
    await viaToken.init(token);
    viaToken.ws.close();

    for (const payload of [{}, { authorization: 'Bearer lattice-example-wrong-token' }]) {
      const c = await rawConnect(lattice.url);
      c.send({ type: 'connection_init', payload });
      expect(await c.closed).toEqual({ code: 4403, reason: 'Forbidden' });
    }
  });
});
