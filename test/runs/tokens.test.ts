/**
 * Executor tokens and sealed inputs: a token is the same for one run under one key (so any
 * replica can hand it out) and different across runs and keys; only its hash is kept and checked.
 * Sealed inputs open only with the key and the run they were sealed for, and not once tampered.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { executorToken, hashToken, verifyExecutorToken } from '../../src/runs/executorToken.ts';
import { newRun } from '../../src/data/run.ts';
import { openInputs, sealInputs } from '../../src/runs/sealing.ts';

const key = randomBytes(32);

describe('executor tokens', () => {
  it('are derived per run and key, and verified against the stored hash only', () => {
    const token = executorToken(key, 'run_a');
    expect(executorToken(key, 'run_a')).toBe(token);
    expect(executorToken(key, 'run_b')).not.toBe(token);
    expect(executorToken(randomBytes(32), 'run_a')).not.toBe(token);
    const run = { ...newRun({ action: 'x', blueprint: null, entity: null, inputs: {}, status: 'IN_PROGRESS', trigger: { by: { user: 'u', teams: [], roles: [] }, at: new Date().toISOString(), operation: 'CREATE' }, requiredApproval: null }), executorTokenHash: hashToken(token) };
    expect(run.executorTokenHash).not.toContain(token);
    expect(verifyExecutorToken(run, token)).toBe(true);
    expect(verifyExecutorToken(run, executorToken(key, 'run_b'))).toBe(false);
    expect(verifyExecutorToken(run, '')).toBe(false);
    expect(verifyExecutorToken({ ...run, executorTokenHash: null }, token)).toBe(false);
  });
});

describe('sealed inputs', () => {
  it('open with the key and run they were sealed for, and fail otherwise', () => {
    const sealed = sealInputs(key, 'run_a', { token: 's3cr3t', n: 2 });
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('s3cr3t');
    expect(openInputs(key, 'run_a', sealed)).toEqual({ token: 's3cr3t', n: 2 });
    expect(() => openInputs(key, 'run_b', sealed)).toThrow();
    expect(() => openInputs(randomBytes(32), 'run_a', sealed)).toThrow();
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(() => openInputs(key, 'run_a', `v1.${raw.toString('base64url')}`)).toThrow();
    expect(sealInputs(key, 'run_a', { token: 's3cr3t' })).not.toBe(sealInputs(key, 'run_a', { token: 's3cr3t' }));
  });
});
