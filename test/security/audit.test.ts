/**
 * The audit log, end to end on the real Redis with two gateways sharing it (two replicas): every
 * entity write, run created, approval, decline, cancel and refused authorization is one structured
 * log line (`{ audit: true, event, actor, target, outcome, code, at }`) and one event of the
 * shared stream, which Admins read on either gateway through `auditLog` (filters, newest first,
 * paging); anyone else is refused, and that refusal is audited too. The in-process ring buffer is
 * covered by test/data/memoryAuditLog.test.ts and the last test here.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/authenticate.ts';
import type { Config } from '../../src/config/types.ts';
import type { Lattice } from '../../src/server/app.ts';
import { startReceiver, type Receiver } from '../runs/receiver.ts';
import { ADMIN_TOKEN, ADMIN_TOKEN_CONFIG, gql, ROOT, startTestLattice, tempProject } from '../helpers/lattice.ts';
import { testRedisUrl } from '../helpers/redis.ts';

const REDIS_URL = testRedisUrl();
const PREFIX = `lattice-test:${randomUUID()}:`;
const SIGNING_SECRET = 'audit-test-signing-secret';
const tokens = { admin: ADMIN_TOKEN, dev: 'tok-audit-dev-1a2b', ana: 'tok-audit-ana-3c4d', bo: 'tok-audit-bo-5e6f', norole: 'tok-audit-norole-7a8b' };
const users = { admin: ADMIN_TOKEN_CONFIG.user, dev: 'dev@example.com', ana: 'sre-ana@example.com', bo: 'sre-bo@example.com', norole: 'nobody@example.com' };
type Who = keyof typeof tokens;
const auth: Config['auth'] = {
  anonymous: true,
  tokens: [
    ADMIN_TOKEN_CONFIG,
    { name: 'dev', sha256: sha256Hex(tokens.dev), user: users.dev, roles: ['Member'] },
    { name: 'ana', sha256: sha256Hex(tokens.ana), user: users.ana, roles: ['SRE'] },
    { name: 'bo', sha256: sha256Hex(tokens.bo), user: users.bo, roles: ['SRE'] },
    { name: 'norole', sha256: sha256Hex(tokens.norole), user: users.norole },
  ],
};

interface AuditLine {
  audit: true;
  event: string;
  actor: { user: string; via: string };
  target: Record<string, string | null>;
  outcome: string;
  code: string | null;
  at: string;
}

let a: Lattice;
let b: Lattice;
let receiver: Receiver;
const logLines: string[] = [];

function capturingLogger() {
  const stream = new Writable({
    write(chunk, _enc, done) {
      logLines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return pino({ level: 'info' }, stream);
}

beforeAll(async () => {
  receiver = await startReceiver(SIGNING_SECRET);
  const project = tempProject();
  cpSync(path.join(ROOT, 'schema/actions'), path.join(project.dir, 'schema/actions'), { recursive: true });
  const config: Partial<Config> = {
    blueprintsDir: project.blueprintsDir,
    catalogDir: project.catalogDir,
    actionsDir: path.join(project.dir, 'schema/actions'),
    auth,
    redisUrl: REDIS_URL,
    redisPrefix: PREFIX,
    secretKey: randomBytes(32),
    actionSecrets: { PROVISIONER_URL: `${receiver.url}/provision`, RUNBOOK_URL: `${receiver.url}/runbook` },
    webhookSigningSecret: SIGNING_SECRET,
  };
  a = await startTestLattice(config, { log: capturingLogger() });
  b = await startTestLattice(config, { log: capturingLogger() });
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await receiver?.close();
  const raw = new Redis(REDIS_URL);
  const keys = await raw.keys(`${PREFIX}*`);
  if (keys.length) await raw.del(...keys);
  await raw.quit();
});

const as = (gateway: Lattice, who: Who | null, query: string, variables?: Record<string, unknown>) => gql(gateway.url, query, variables, who ? { token: tokens[who] } : {});
const AUDIT_QUERY = `query($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    nodes { id at event actor { user via } target outcome code }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
const auditLog = async (gateway: Lattice, variables: Record<string, unknown> = {}, who: Who | null = 'admin') => as(gateway, who, AUDIT_QUERY, { first: 1000, ...variables });

describe('audit events for every kind, from two replicas, in one log', () => {
  const runIds: Record<string, string> = {};
  let startedAt: string;

  beforeAll(async () => {
    startedAt = new Date().toISOString();
    // Entity writes: allowed on A, refused on B, deleted on A.
    expect((await as(a, 'admin', 'mutation { upsertEntity(blueprint: DOMAIN, identifier: "Audited", title: "x") { identifier } }')).errors).toBeUndefined();
    expect((await as(b, 'norole', 'mutation { upsertEntity(blueprint: DOMAIN, identifier: "Audited", title: "mine") { identifier } }')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await as(b, null, 'mutation { deleteEntity(blueprint: DOMAIN, identifier: "Audited") }')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await as(a, 'admin', 'mutation { deleteEntity(blueprint: DOMAIN, identifier: "Audited") }')).data).toEqual({ deleteEntity: true });
    // Runs: created, approved, declined, cancelled; an invisible one approved by a stranger.
    const provision = await as(b, 'dev', 'mutation { provisionCloudResource(input: { name: "audited", type: S3_BUCKET }) { id } }');
    runIds.provision = provision.data.provisionCloudResource.id;
    const runbook = async () => (await as(a, 'dev', 'mutation { incidentRunbook(entity: "CartService", input: { incident: "INC-7", region: EU_WEST_1 }) { id } }')).data.incidentRunbook.id as string;
    runIds.approved = await runbook();
    runIds.declined = await runbook();
    expect((await as(b, 'ana', `mutation { approveRun(id: "${runIds.approved}") { status } }`)).errors).toBeUndefined();
    expect((await as(a, 'bo', `mutation { declineRun(id: "${runIds.declined}", reason: "not now") { status } }`)).data).toEqual({ declineRun: { status: 'DECLINED' } });
    expect((await as(a, 'dev', `mutation { cancelRun(id: "${runIds.provision}") { status } }`)).data).toEqual({ cancelRun: { status: 'CANCELLED' } });
    expect((await as(b, 'norole', `mutation { approveRun(id: "${runIds.approved}") { status } }`)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const forbiddenRun = await as(a, 'dev', 'mutation { updatePodCount(entity: "CartService", input: { replicas: 1 }) { id } }');
    expect(forbiddenRun.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Credentials refused, and the audit log refused to a non-admin.
    const badToken = await fetch(`${b.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token-zzz' }, body: '{"query":"{ __typename }"}' });
    expect(badToken.status).toBe(401);
    expect((await auditLog(a, {}, 'dev')).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', required: { roles: ['Admin'] } });
    expect((await auditLog(a, {}, null)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  const expected = () => [
    { event: 'entity.upsert', actor: { user: users.admin, via: 'token:test-admin' }, target: { blueprint: 'Domain', identifier: 'Audited' }, outcome: 'OK', code: null },
    { event: 'entity.upsert', actor: { user: users.norole, via: 'token:norole' }, target: { blueprint: 'Domain', identifier: 'Audited' }, outcome: 'REFUSED', code: 'FORBIDDEN' },
    { event: 'entity.delete', actor: { user: 'anonymous', via: 'anonymous' }, target: { blueprint: 'Domain', identifier: 'Audited' }, outcome: 'REFUSED', code: 'UNAUTHENTICATED' },
    { event: 'entity.delete', actor: { user: users.admin, via: 'token:test-admin' }, target: { blueprint: 'Domain', identifier: 'Audited' }, outcome: 'OK', code: null },
    { event: 'run.create', actor: { user: users.dev, via: 'token:dev' }, target: { action: 'provision_cloud_resource', entity: null, runId: runIds.provision }, outcome: 'OK', code: null },
    { event: 'run.create', actor: { user: users.dev, via: 'token:dev' }, target: { action: 'incident_runbook', entity: 'CartService', runId: runIds.approved }, outcome: 'OK', code: null },
    { event: 'run.create', actor: { user: users.dev, via: 'token:dev' }, target: { action: 'incident_runbook', entity: 'CartService', runId: runIds.declined }, outcome: 'OK', code: null },
    { event: 'run.approve', actor: { user: users.ana, via: 'token:ana' }, target: { runId: runIds.approved }, outcome: 'OK', code: null },
    { event: 'run.decline', actor: { user: users.bo, via: 'token:bo' }, target: { runId: runIds.declined }, outcome: 'OK', code: null },
    { event: 'run.cancel', actor: { user: users.dev, via: 'token:dev' }, target: { runId: runIds.provision }, outcome: 'OK', code: null },
    { event: 'run.approve', actor: { user: users.norole, via: 'token:norole' }, target: { runId: runIds.approved }, outcome: 'REFUSED', code: 'NOT_FOUND' },
    { event: 'run.create', actor: { user: users.dev, via: 'token:dev' }, target: { action: 'update_pod_count', entity: 'CartService' }, outcome: 'REFUSED', code: 'FORBIDDEN' },
    { event: 'authenticate', actor: { user: 'unknown', via: 'credentials' }, target: {}, outcome: 'REFUSED', code: 'UNAUTHENTICATED' },
    { event: 'auditLog.read', actor: { user: users.dev, via: 'token:dev' }, target: {}, outcome: 'REFUSED', code: 'FORBIDDEN' },
  ];

  it('both gateways serve the same events, newest first, one per action taken on either', async () => {
    for (const gateway of [a, b]) {
      const res = await auditLog(gateway, { filter: { since: startedAt } });
      expect(res.errors).toBeUndefined();
      const nodes = res.data.auditLog.nodes.map(({ id: _id, at: _at, ...rest }: Record<string, unknown>) => rest);
      expect(nodes).toEqual([...expected()].reverse());
      const ats = res.data.auditLog.nodes.map((n: { at: string }) => Date.parse(n.at));
      expect([...ats].sort((x, y) => y - x)).toEqual(ats);
    }
  });

  it('each event is also one structured log line, and no log line holds a token', async () => {
    const lines = logLines.map((l) => JSON.parse(l) as AuditLine & { msg: string }).filter((l) => l.audit === true);
    const kinds = lines.map(({ event, actor, target, outcome, code }) => ({ event, actor, target, outcome, code }));
    for (const e of expected()) expect(kinds).toContainEqual(e);
    for (const l of lines) {
      expect(l.msg).toBe('audit');
      expect(Number.isNaN(Date.parse(l.at))).toBe(false);
    }
    const all = logLines.join('\n');
    for (const t of [...Object.values(tokens), 'not-a-token-zzz', SIGNING_SECRET]) expect(all).not.toContain(t);
  });

  it('filters by actor, event and time, and pages without loss or repeat', async () => {
    const ofKind = await auditLog(b, { filter: { event: 'run.create', since: startedAt } });
    expect(ofKind.data.auditLog.nodes.map((n: { target: { action: string } }) => n.target.action)).toEqual(['update_pod_count', 'incident_runbook', 'incident_runbook', 'provision_cloud_resource']);
    const byActor = await auditLog(a, { filter: { actor: users.norole, since: startedAt } });
    expect(byActor.data.auditLog.nodes.map((n: { event: string }) => n.event)).toEqual(['run.approve', 'entity.upsert']);
    const future = await auditLog(a, { filter: { since: new Date(Date.now() + 3_600_000).toISOString() } });
    expect(future.data.auditLog.nodes).toEqual([]);
    const past = await auditLog(a, { filter: { until: startedAt, actor: users.dev } });
    expect(past.data.auditLog.nodes).toEqual([]);

    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const res = await auditLog(i % 2 ? a : b, { first: 3, after, filter: { since: startedAt } });
      seen.push(...res.data.auditLog.nodes.map((n: { id: string }) => n.id));
      expect(res.data.auditLog.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!res.data.auditLog.pageInfo.hasNextPage) break;
      after = res.data.auditLog.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(expected().length);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses a forged cursor and a page past the limit, naming what it expects', async () => {
    const forged = await auditLog(a, { after: Buffer.from('audit:; FLUSHALL').toString('base64url') });
    expect(forged.errors?.[0]).toMatchObject({ message: '"after" is not an auditLog cursor: pass the endCursor of a page you received', extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
    const huge = await auditLog(a, { first: 1_000_000 });
    expect(huge.errors?.[0]).toMatchObject({ message: '"first" must be between 0 and 1000, got 1000000', extensions: { code: 'BAD_USER_INPUT', limit: 1000 } });
  });
});

describe('without Redis', () => {
  it('keeps this process\'s events in a ring buffer of audit.maxEvents', async () => {
    const solo = await startTestLattice({ audit: { maxEvents: 2 } });
    try {
      for (const title of ['one', 'two', 'three']) await as(solo, 'admin', `mutation { upsertEntity(blueprint: DOMAIN, identifier: "Ring", title: "${title}") { identifier } }`);
      const res = await auditLog(solo);
      expect(res.data.auditLog.nodes.map((n: { event: string; outcome: string }) => [n.event, n.outcome])).toEqual([
        ['entity.upsert', 'OK'],
        ['entity.upsert', 'OK'],
      ]);
      expect(res.data.auditLog.pageInfo.hasNextPage).toBe(false);
    } finally {
      await solo.close();
    }
  });
});
