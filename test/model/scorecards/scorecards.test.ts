/**
 * Scorecards in Port's format: loading (Port's `conditions`, levels, located errors, lenient reads
 * with warnings), Port's level semantics evaluated over entities (meta, mirror and calculation
 * properties, two properties compared), scorecard rules in the rule language, and gates (which
 * rules fail, which actions fix them).
 */
import { describe, expect, it } from 'vitest';
import { LatticeErrors, type LatticeError } from '../../../src/errors/index.ts';
import { loadActions } from '../../../src/model/actions/load.ts';
import { loadBlueprints } from '../../../src/model/blueprints/load.ts';
import type { Entity } from '../../../src/model/entities/entity.ts';
import { checkRuleQuery, evaluateRules, parseRuleQuery, type RuleContext } from '../../../src/model/query/portRules.ts';
import { ruleSyntaxProblems } from '../../../src/model/query/ruleSyntax.ts';
import { evaluateAll, scorecardMask } from '../../../src/model/scorecards/evaluate.ts';
import { fixActionProblems } from '../../../src/model/scorecards/fixActions.ts';
import { failedGates } from '../../../src/model/scorecards/gates.ts';
import { loadScorecards } from '../../../src/model/scorecards/load.ts';

const json = (file: string, value: unknown) => ({ file, text: JSON.stringify(value, null, 2) });

const { model } = loadBlueprints([
  json('Team.json', { identifier: 'Team', title: 'Team', schema: { properties: { oncall: { type: 'string' } } } }),
  json('Service.json', {
    identifier: 'Service',
    title: 'Service',
    schema: {
      properties: {
        readme: { type: 'string', format: 'markdown' },
        replicas: { type: 'number' },
        minReplicas: { type: 'number' },
        lastRun: { type: 'string', enum: ['success', 'failure'] },
        tier: { type: 'string' },
      },
    },
    relations: { owner: { target: 'Team', required: false, many: false } },
    mirrorProperties: { oncall: { path: 'owner.oncall' } },
    calculationProperties: { critical: { type: 'boolean', calculation: '.properties.tier == "critical"' } },
  }),
]);

const readiness = {
  identifier: 'ProductionReadiness',
  title: 'Production Readiness',
  blueprint: 'Service',
  filter: { combinator: 'and', conditions: [{ property: 'tier', operator: 'isNotEmpty' }] },
  rules: [
    { identifier: 'hasReadme', title: 'Has a README', level: 'Bronze', query: { combinator: 'and', conditions: [{ property: 'readme', operator: 'isNotEmpty' }] }, actions: ['add_readme'] },
    { identifier: 'hasTeam', title: 'Has an owning team', level: 'Bronze', query: { combinator: 'and', conditions: [{ property: '$team', operator: 'isNotEmpty' }] } },
    { identifier: 'passingRun', title: 'Default branch passes', description: 'The last default-branch run succeeded', level: 'Silver', query: { combinator: 'and', conditions: [{ property: 'lastRun', operator: '=', value: 'success' }] } },
    { identifier: 'oncall', title: 'Has on-call', level: 'Silver', query: { combinator: 'and', conditions: [{ property: 'oncall', operator: 'isNotEmpty' }] } },
    { identifier: 'replicas', title: 'Enough replicas', level: 'Gold', query: { combinator: 'and', conditions: [{ property: 'replicas', operator: '>=', value: { property: 'minReplicas' } }] } },
  ],
};

const entity = (identifier: string, properties: Record<string, unknown>, extra: Partial<Entity> = {}): Entity =>
  ({ blueprint: 'Service', identifier, title: identifier, team: ['payments'], properties, relations: { owner: 'payments' }, ...extra }) as Entity;
const team: Entity = { blueprint: 'Team', identifier: 'payments', title: 'Payments', team: [], properties: { oncall: 'ana' }, relations: {} } as unknown as Entity;

/** A RuleContext over the entities above that counts loads; mirrors read through one batched load. */
function context(entities: Entity[]) {
  const calls = { load: 0 };
  const all = [...entities, team];
  const ctx: RuleContext = {
    model,
    load: async (bp, ids) => {
      calls.load++;
      return ids.map((id) => all.find((e) => e.blueprint === bp && e.identifier === id));
    },
    findByRelation: async (_bp, _rel, targets) => targets.map(() => []),
    values: async (list, key) => {
      if (key === 'oncall') {
        const teams = await ctx.load('Team', [...new Set(list.map((e) => e.relations.owner as string))]);
        return list.map((e) => teams.find((t) => t?.identifier === e.relations.owner)?.properties.oncall ?? null);
      }
      if (key === 'critical') return list.map((e) => e.properties.tier === 'critical');
      return list.map((e) => e.properties[key] ?? null);
    },
  };
  return { ctx, calls };
}

function errorsOf(run: () => unknown): LatticeError[] {
  try {
    run();
  } catch (err) {
    return [...(err as LatticeErrors).errors];
  }
  throw new Error('expected the load to fail');
}

describe('loading scorecards', () => {
  it("loads Port's format: default levels, conditions read as rules, rules ordered by level", () => {
    const { scorecards, warnings } = loadScorecards([json('readiness.json', readiness)], model);
    expect(warnings).toEqual([]);
    const s = scorecards.get('Service', 'ProductionReadiness');
    expect(s?.levels.map((l) => l.title)).toEqual(['Basic', 'Bronze', 'Silver', 'Gold']);
    expect(s?.rules.map((r) => [r.identifier, r.rank])).toEqual([
      ['hasReadme', 1],
      ['hasTeam', 1],
      ['passingRun', 2],
      ['oncall', 2],
      ['replicas', 3],
    ]);
    expect(scorecards.levelsOf('Service', 'ProductionReadiness')).toEqual(['Basic', 'Bronze', 'Silver', 'Gold']);
  });

  it('refuses every problem with its file, line and pointer, all in one pass', () => {
    const bad = {
      identifier: 'Broken',
      blueprint: 'Service',
      levels: [{ title: 'Low' }, { title: 'High' }],
      rules: [
        { identifier: 'a', level: 'Gold', query: { combinator: 'and', conditions: [{ property: 'readme', operator: 'isNotEmpty' }] } },
        { identifier: 'b', level: 'Low', query: { combinator: 'and', conditions: [{ property: 'readme', operator: 'isNotEmpty' }] } },
        { identifier: 'c', level: 'High', query: { combinator: 'and', conditions: [{ property: 'readmee', operator: 'isNotEmpty' }] } },
        { identifier: 'd', level: 'High', query: { combinator: 'and', conditions: [{ property: 'replicas', operator: 'startsWith', value: 3 }] } },
      ],
    };
    const file = json('broken.json', bad);
    const errors = errorsOf(() => loadScorecards([file, json('nobp.json', { identifier: 'x', rules: [] })], model));
    expect(errors.map((e) => [e.code, e.location?.file, e.location?.pointer])).toEqual([
      ['INVALID_SCORECARD', 'broken.json', '/rules/0/level'],
      ['INVALID_SCORECARD', 'broken.json', '/rules/1/level'],
      ['INVALID_SCORECARD', 'broken.json', '/rules/2/query/conditions/0/property'],
      ['INVALID_SCORECARD', 'broken.json', '/rules/3/query/conditions/0/operator'],
      ['INVALID_SCORECARD', 'nobp.json', ''],
    ]);
    expect(errors[0].message).toMatch(/level "Gold", which is not one of its levels: Low, High/);
    expect(errors[1].message).toMatch(/the first level, which every evaluated entity has/);
    expect(errors[2].message).toMatch(/blueprint "Service" has no property "readmee"/);
    expect(errors[4].message).toMatch(/names no blueprint/);
    const line = file.text.split('\n').findIndex((l) => l.includes('"readmee"')) + 1;
    expect(errors[2].location?.line).toBe(line);
  });

  it("reads what Port lets through, with a warning: a bare condition, = null, numbers written as strings", () => {
    const lenient = {
      identifier: 'Lenient',
      blueprint: 'Service',
      rules: [
        { identifier: 'bare', level: 'Bronze', query: { property: 'readme', operator: '!=', value: null } },
        { identifier: 'text', level: 'Silver', query: { combinator: 'and', conditions: [{ property: 'replicas', operator: '<', value: '3' }] } },
      ],
    };
    const { scorecards, warnings } = loadScorecards([json('lenient.json', lenient)], model);
    expect(warnings.map((w) => w.location?.pointer)).toEqual(['/rules/0/query', '/rules/0/query/conditions/0/value', '/rules/1/query/conditions/0/value']);
    expect(scorecards.get('Service', 'Lenient')?.rules.map((r) => r.query.rules[0])).toEqual([
      { property: 'readme', operator: 'isNotEmpty' },
      { property: 'replicas', operator: '<', value: 3 },
    ]);
  });
});

describe('evaluating scorecards', () => {
  const { scorecards } = loadScorecards([json('readiness.json', readiness)], model);
  const gold = entity('gold', { tier: 'critical', readme: '# hi', lastRun: 'success', replicas: 3, minReplicas: 2 });
  const silver = entity('silver', { tier: 'standard', readme: '# hi', lastRun: 'success', replicas: 1, minReplicas: 2 });
  // Gold's rule passes but Silver's does not: Port's semantics stop at Bronze.
  const bronze = entity('bronze', { tier: 'standard', readme: '# hi', lastRun: 'failure', replicas: 5, minReplicas: 2 });
  const basic = entity('basic', { tier: 'standard', lastRun: 'success', replicas: 5, minReplicas: 2 });
  const outside = entity('outside', { readme: '# hi' });

  it("gives each entity the highest level whose rules and all lower levels' rules pass", async () => {
    const { ctx, calls } = context([gold, silver, bronze, basic, outside]);
    const results = await evaluateAll(scorecards, [gold, silver, bronze, basic, outside], ctx);
    expect(results.map((r) => r.map((x) => x.level))).toEqual([['Gold'], ['Silver'], ['Bronze'], ['Basic'], []]);
    expect(results[2][0].rules.map((r) => [r.rule.identifier, r.passed])).toEqual([
      ['hasReadme', true],
      ['hasTeam', true],
      ['passingRun', false],
      ['oncall', true],
      ['replicas', true],
    ]);
    // The mirror's hop is one batched load for all the entities, not one per entity.
    expect(calls.load).toBe(1);
  });

  it('answers scorecard rules in the rule language, levels compared in their order', async () => {
    const { ctx } = context([gold, silver, bronze, basic]);
    const rules: RuleContext = { ...ctx, scorecardMask: scorecardMask(scorecards, ctx) };
    const atLeastSilver = parseRuleQuery({ combinator: 'and', rules: [{ scorecard: 'ProductionReadiness', operator: '>=', value: 'Silver' }] });
    expect(await evaluateRules(atLeastSilver, [gold, silver, bronze, basic], rules)).toEqual([true, true, false, false]);
    const inList = parseRuleQuery({ combinator: 'and', rules: [{ scorecard: 'ProductionReadiness', operator: 'in', value: ['Basic', 'Gold'] }] });
    expect(await evaluateRules(inList, [gold, silver, bronze, basic], rules)).toEqual([true, false, false, true]);
  });

  it('gates: lists the failing rules up to the level required, with what fixes them; passes when met', async () => {
    const { ctx } = context([basic, gold]);
    const gates = [{ scorecard: 'ProductionReadiness', operator: '>=' as const, value: 'Silver', pointer: '/gates/0' }];
    const failures = await failedGates({ gates, entity: basic, inputs: {}, trigger: {}, scorecards, rules: ctx });
    expect(failures).toEqual([
      {
        scorecard: 'ProductionReadiness',
        title: 'Production Readiness',
        required: '>= Silver',
        level: 'Basic',
        failedRules: [{ identifier: 'hasReadme', title: 'Has a README', description: null, level: 'Bronze', actions: ['add_readme'] }],
      },
    ]);
    expect(await failedGates({ gates, entity: gold, inputs: {}, trigger: {}, scorecards, rules: ctx })).toEqual([]);
    const onlyInProduction = [{ ...gates[0], if: '.inputs.environment == "production"' }];
    expect(await failedGates({ gates: onlyInProduction, entity: basic, inputs: { environment: 'staging' }, trigger: {}, scorecards, rules: ctx })).toEqual([]);
    expect(await failedGates({ gates: onlyInProduction, entity: basic, inputs: { environment: 'production' }, trigger: {}, scorecards, rules: ctx })).toHaveLength(1);
  });

  it('a rule\'s fix actions run on its blueprint, or on no entity (a CREATE action, or a DAY-2 action naming no blueprint)', () => {
    const { scorecards } = loadScorecards([json('readiness.json', readiness)], model);
    const addReadme = (trigger: Record<string, unknown>) =>
      loadActions([json('a.json', { identifier: 'add_readme', trigger: { type: 'self-service', userInputs: { properties: {} }, ...trigger }, invocationMethod: { type: 'WEBHOOK', url: 'http://localhost/readme' } })], model).actions;
    expect(fixActionProblems(scorecards, addReadme({ operation: 'DAY-2', blueprintIdentifier: 'Service' }))).toEqual([]);
    expect(fixActionProblems(scorecards, addReadme({ operation: 'DAY-2' }))).toEqual([]);
    expect(fixActionProblems(scorecards, addReadme({ operation: 'CREATE' }))).toEqual([]);
    expect(fixActionProblems(scorecards, addReadme({ operation: 'DAY-2', blueprintIdentifier: 'Team' })).map((e) => e.message)).toEqual([
      'scorecard "ProductionReadiness": rule "hasReadme" names action "add_readme" as a fix, but it runs on "Team" entities, not "Service"',
    ]);
  });

  it("actions: a gates block and the condition's top-level scorecard rules become gates, checked against the scorecards", () => {
    const deploy = {
      identifier: 'deploy',
      trigger: {
        type: 'self-service',
        operation: 'DAY-2',
        blueprintIdentifier: 'Service',
        userInputs: { properties: { environment: { type: 'string' } } },
        condition: { type: 'SEARCH', combinator: 'and', rules: [{ property: 'tier', operator: 'isNotEmpty' }, { scorecard: 'ProductionReadiness', operator: '>=', value: 'Bronze' }] },
      },
      gates: [{ scorecard: 'ProductionReadiness', level: 'Gold', if: '.inputs.environment == "production"' }],
      invocationMethod: { type: 'WEBHOOK', url: 'http://localhost/deploy' },
    };
    const { actions } = loadActions([json('deploy.json', deploy)], model, scorecards);
    const a = actions.get('deploy');
    expect(a?.gates.map((g) => [g.scorecard, g.operator, g.value, g.pointer])).toEqual([
      ['ProductionReadiness', '>=', 'Gold', '/gates/0'],
      ['ProductionReadiness', '>=', 'Bronze', '/trigger/condition/rules/1'],
    ]);
    expect(a?.trigger.condition).toEqual({ combinator: 'and', rules: [{ property: 'tier', operator: 'isNotEmpty' }] });
    const wrong = { ...deploy, gates: [{ scorecard: 'ProductionReadiness', level: 'Platinum' }] };
    expect(errorsOf(() => loadActions([json('wrong.json', wrong)], model, scorecards)).map((e) => [e.location?.pointer, e.message])).toEqual([
      ['/gates/0/level', 'action "deploy": scorecard "ProductionReadiness" has no level "Platinum"; expected one of Basic, Bronze, Silver, Gold'],
    ]);
  });
});

describe('the rule language: two properties compared, scorecard rules', () => {
  const { scorecards } = loadScorecards([json('readiness.json', readiness)], model);
  it('compares a property with another of the same entity; a missing side matches only negative operators', async () => {
    const { ctx } = context([]);
    const q = (operator: string) => parseRuleQuery({ combinator: 'and', rules: [{ property: 'replicas', operator, value: { property: 'minReplicas' } }] });
    const es = [entity('a', { replicas: 3, minReplicas: 2 }), entity('b', { replicas: 1, minReplicas: 2 }), entity('c', { replicas: 2 })];
    expect(await evaluateRules(q('>='), es, ctx)).toEqual([true, false, false]);
    expect(await evaluateRules(q('!='), es, ctx)).toEqual([true, true, true]);
    // A mirror on the other side is read through the context's values, batched.
    const mirror = parseRuleQuery({ combinator: 'and', rules: [{ property: '$title', operator: '!=', value: { property: 'oncall' } }] });
    expect(await evaluateRules(mirror, [entity('ana', {}), entity('bo', {})], ctx)).toEqual([false, true]);
  });

  it('locates what is wrong: an unknown property on either side, an operator that cannot compare two properties, an unknown scorecard or level', () => {
    expect(ruleSyntaxProblems({ combinator: 'and', rules: [{ property: 'replicas', operator: 'in', value: { property: 'minReplicas' } }] })).toEqual([
      { pointer: '/rules/0/value', message: expect.stringMatching(/"in" cannot compare with another property/) },
    ]);
    const check = (rules: unknown[]) => checkRuleQuery(parseRuleQuery({ combinator: 'and', rules }), model, ['Service'], scorecards);
    expect(check([{ property: 'replicas', operator: '>=', value: { property: 'minReplica' } }])).toEqual([{ pointer: '/rules/0/value/property', message: expect.stringMatching(/has no property "minReplica"/) }]);
    expect(check([{ scorecard: 'Readiness', operator: '=', value: 'Gold' }])).toEqual([{ pointer: '/rules/0/scorecard', message: 'blueprint "Service" has no scorecard "Readiness"' }]);
    expect(check([{ scorecard: 'ProductionReadiness', operator: 'in', value: ['Gold', 'Platinum'] }])).toEqual([
      { pointer: '/rules/0/value/1', message: 'scorecard "ProductionReadiness" has no level "Platinum"; expected one of Basic, Bronze, Silver, Gold' },
    ]);
    expect(ruleSyntaxProblems({ combinator: 'and', rules: [{ scorecard: 'ProductionReadiness', operator: 'contains', value: 'Gold' }] })[0].pointer).toBe('/rules/0/operator');
  });
});
