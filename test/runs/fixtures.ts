/**
 * Shared fixtures for the actions tests: a small blueprint model (Service, System), a catalog
 * over a MemoryEntityStore seen the way the engine sees it (a PolicyCatalog), example actions in
 * Port's format, callers, and a loader for one action.
 */
import { loadBlueprints } from '../../src/model/blueprints/load.ts';
import type { BlueprintModel } from '../../src/model/blueprints/model.ts';
import type { EntityInput } from '../../src/model/entities/entity.ts';
import type { PolicyCatalog } from '../../src/model/actions/policy.ts';
import { MemoryEntityStore } from '../../src/data/memory/MemoryEntityStore.ts';
import { loadActions } from '../../src/model/actions/load.ts';
import type { Action } from '../../src/model/actions/model.ts';
import type { Caller } from '../../src/data/run.ts';

export const model: BlueprintModel = loadBlueprints([
  {
    file: 'blueprints.json',
    text: JSON.stringify([
      { identifier: 'System', title: 'System', schema: { properties: {} }, relations: {} },
      {
        identifier: 'Service',
        title: 'Service',
        schema: {
          properties: {
            namespace: { type: 'string' },
            replicas: { type: 'number' },
            language: { type: 'string', enum: ['go', 'rust'] },
            locked: { type: 'boolean' },
            lockedReason: { type: 'string' },
            lockedUntil: { type: 'string', format: 'timer' },
            tier: { type: 'string' },
          },
        },
        relations: { system: { target: 'System', many: false } },
      },
    ]),
  },
]).model;

export interface Catalog {
  readonly store: MemoryEntityStore;
  readonly context: PolicyCatalog;
  put(...entities: Partial<EntityInput>[]): Promise<void>;
}

export function makeCatalog(): Catalog {
  const store = new MemoryEntityStore();
  return {
    store,
    context: { model, load: (bp, ids) => store.getMany(bp, ids), list: (bp) => store.list(bp), findByRelation: (bp, rel, targets) => store.findByRelation(bp, rel, targets) },
    async put(...entities) {
      await store.put(
        entities.map((e) => ({ blueprint: 'Service', identifier: 'x', title: null, icon: null, team: [], properties: {}, relations: {}, origin: 'api', ...e }) as EntityInput),
      );
    },
  };
}

export function caller(user: string, options: { teams?: string[]; roles?: string[] } = {}): Caller {
  return { user, teams: options.teams ?? [], roles: options.roles ?? ['Member'] };
}

/** Loads one action given as JSON; throws what the loader throws. */
export function loadOne(definition: Record<string, unknown>): Action {
  const { actions } = loadActions([{ file: `${String(definition.identifier)}.json`, text: JSON.stringify(definition, null, 2) }], model);
  return actions.actions[0];
}

/** A CREATE action on a webhook, with a secret input and an entity input. */
export function scaffoldAction(url: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    identifier: 'scaffold',
    title: 'Scaffold a service',
    trigger: {
      type: 'self-service',
      operation: 'CREATE',
      userInputs: {
        properties: {
          name: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', title: 'Name' },
          language: { type: 'string', enum: ['go', 'rust'], default: 'go' },
          system: { type: 'string', format: 'entity', blueprint: 'System' },
          token: { type: 'string', encryption: 'aes256-gcm' },
        },
        required: ['name'],
        order: ['name', 'language', 'system', 'token'],
      },
    },
    invocationMethod: {
      type: 'WEBHOOK',
      url,
      synchronized: true,
      headers: { 'X-Api-Key': '{{ .secrets.API_KEY }}' },
      body: { name: '{{ .inputs.name }}', language: '{{ .inputs.language }}', system: '{{ .inputs.system }}', token: '{{ .inputs.token }}', runId: '{{ .run.id }}' },
    },
    ...overrides,
  };
}

/** A DAY-2 action on a Service: scale it through a webhook. */
export function scaleAction(url: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    identifier: 'scale',
    title: 'Update pod count',
    trigger: {
      type: 'self-service',
      operation: 'DAY-2',
      blueprintIdentifier: 'Service',
      userInputs: { properties: { replicas: { type: 'number', minimum: 0, maximum: 50 } }, required: ['replicas'] },
    },
    invocationMethod: { type: 'WEBHOOK', url, synchronized: true, body: { service: '{{ .entity.identifier }}', replicas: '{{ .inputs.replicas }}' } },
    ...overrides,
  };
}

/** A DAY-2 action that locks a Service's deployments (UPSERT_ENTITY, a timer property). */
export function lockAction(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    identifier: 'lock',
    title: 'Lock deployments',
    trigger: {
      type: 'self-service',
      operation: 'DAY-2',
      blueprintIdentifier: 'Service',
      userInputs: { properties: { reason: { type: 'string' }, hours: { type: 'number', default: 24 } }, required: ['reason'] },
    },
    invocationMethod: {
      type: 'UPSERT_ENTITY',
      blueprintIdentifier: 'Service',
      mapping: {
        identifier: '{{ .entity.identifier }}',
        properties: {
          locked: true,
          lockedReason: '{{ .inputs.reason }}',
          lockedUntil: '{{ (.trigger.at | sub("[.][0-9]+"; "") | fromdateiso8601) + .inputs.hours * 3600 | todateiso8601 }}',
        },
      },
    },
    ...overrides,
  };
}
