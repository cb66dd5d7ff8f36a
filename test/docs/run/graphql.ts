/**
 * A `graphql` block of the docs, run against the docs gateway (test/docs/gateway.ts):
 * - SDL (`type X { … }`): each type, field, argument and enum value the block shows exists in the
 *   served schema with the type the block gives it;
 * - `subgraph`: the block is another federation subgraph's SDL; it composes with Lattice's
 *   (`_service { sdl }`) under @apollo/composition and @theguild/federation-composition;
 * - operations: queries and mutations over HTTP, subscriptions over graphql-ws until their first
 *   event (caused by the trigger for their root field, below); each must answer without errors,
 *   unless the block's directive is `error` (then it must answer with one);
 * - a selection without an operation (`components(…) { … }`) is wrapped in `{ }` first;
 * - variables: nullable ones and those with defaults are left out; others take the value the
 *   harness has for their name (VARIABLES below);
 * - a block of several operations is a sequence of steps: an operation after a mutation may need
 *   that mutation's effects, which arrive later (a run invokes, a watch sees the change), so while
 *   it answers errors it is sent again, every half second, up to 60 times; the last answer counts.
 */
import { composeServices as composeWithApollo } from '@apollo/composition';
import { composeServices as composeWithTheGuild } from '@theguild/federation-composition';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  print,
  type DefinitionNode,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  valueFromASTUntyped,
} from 'graphql';
import type { DocsGateway } from '../gateway.ts';
import type { Block } from '../markdown.ts';

/** Values for non-null variables without a default, by name. */
const VARIABLES: Readonly<Record<string, unknown>> = {
  identifier: 'CartService',
};

/** How many times a step that follows a mutation is sent while it answers errors. */
const STEP_ATTEMPTS = 60;

let writes = 0;
/** What makes a subscription's first event happen, by its root field, given the field's arguments. */
const TRIGGERS: Readonly<Record<string, (gw: DocsGateway, args: Readonly<Record<string, unknown>>) => Promise<void>>> = {
  // An API write of an entity of the blueprint subscribed to (its own identifier: catalog files own theirs).
  entityChanged: async (gw, args) => {
    if (args.identifier !== undefined) throw new Error('the entityChanged trigger writes an entity of its own: add one for a given identifier to TRIGGERS in test/docs/run/graphql.ts');
    const res = await gw.query('mutation($blueprint: BlueprintIdentifier!, $identifier: String!, $title: String!) { upsertEntity(blueprint: $blueprint, identifier: $identifier, title: $title, merge: true) { identifier } }', {
      blueprint: args.blueprint,
      identifier: `docs-test-${String(args.blueprint).toLowerCase()}`,
      title: `written by the docs test (${++writes})`,
    });
    if (res.errors) throw new Error(`the entityChanged trigger (upsertEntity) failed: ${JSON.stringify(res.errors)}`);
  },
};

/** The block as a document: as written, or a selection wrapped in `{ }`. */
export function documentOf(text: string): DocumentNode {
  try {
    return parse(text);
  } catch (first) {
    try {
      return parse(`{\n${text}\n}`);
    } catch {
      throw new Error(`does not parse: ${(first as Error).message}`);
    }
  }
}

const isSdl = (d: DefinitionNode) => d.kind !== Kind.OPERATION_DEFINITION && d.kind !== Kind.FRAGMENT_DEFINITION;

/** What the SDL excerpt shows that the served schema does not have, one line each. */
export function sdlProblems(doc: DocumentNode, schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const def of doc.definitions) {
    if (!('name' in def) || !def.name || def.kind === Kind.DIRECTIVE_DEFINITION) continue;
    const name = def.name.value;
    const served = schema.getType(name);
    if (!served) {
      problems.push(`type ${name} is not in the served schema`);
      continue;
    }
    if ('fields' in def && def.fields) {
      if (!(isObjectType(served) || isInterfaceType(served) || isInputObjectType(served))) {
        problems.push(`${name} is served as ${served.constructor.name}, not a type with fields`);
        continue;
      }
      const fields = served.getFields();
      for (const field of def.fields) {
        const f = fields[field.name.value];
        if (!f) {
          problems.push(`${name}.${field.name.value} is not served; ${name} has ${Object.keys(fields).join(', ')}`);
          continue;
        }
        if (print(field.type) !== String(f.type)) problems.push(`${name}.${field.name.value} is served as ${String(f.type)}, the block says ${print(field.type)}`);
        for (const arg of 'arguments' in field ? (field.arguments ?? []) : []) {
          const a = 'args' in f ? f.args.find((x) => x.name === arg.name.value) : undefined;
          if (!a) problems.push(`${name}.${field.name.value}(${arg.name.value}:) is not served`);
          else if (print(arg.type) !== String(a.type)) problems.push(`${name}.${field.name.value}(${arg.name.value}:) is served as ${String(a.type)}, the block says ${print(arg.type)}`);
        }
      }
    }
    if ('values' in def && def.values) {
      if (!isEnumType(served)) problems.push(`${name} is not served as an enum`);
      else for (const v of def.values) if (!served.getValue(v.name.value)) problems.push(`enum ${name} has no value ${v.name.value}; it has ${served.getValues().map((x) => x.name).join(', ')}`);
    }
  }
  return problems;
}

function variablesFor(op: OperationDefinitionNode): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const v of op.variableDefinitions ?? []) {
    if (v.type.kind !== Kind.NON_NULL_TYPE || v.defaultValue) continue;
    const name = v.variable.name.value;
    if (!(name in VARIABLES)) throw new Error(`the harness has no value for $${name} (${print(v.type)}): add one to VARIABLES in test/docs/run/graphql.ts`);
    values[name] = VARIABLES[name];
  }
  return values;
}

/** What stops the block's subgraph from composing beside Lattice's, per composer. */
async function compositionProblems(text: string, gw: DocsGateway): Promise<string[]> {
  const res = await gw.query('{ _service { sdl } }');
  if (res.errors) throw new Error(`Lattice's subgraph SDL: ${JSON.stringify(res.errors)}`);
  const services = [
    { name: 'lattice', typeDefs: parse(res.data._service.sdl as string) },
    { name: 'docs', typeDefs: parse(text) },
  ];
  const apollo = composeWithApollo(services).errors ?? [];
  const guild = composeWithTheGuild(services).errors ?? [];
  return [...apollo.map((e) => `@apollo/composition: ${e.message}`), ...guild.map((e) => `@theguild/federation-composition: ${e.message}`)];
}

export async function runGraphQLBlock(block: Block, gw: DocsGateway): Promise<void> {
  if (block.directive?.kind === 'subgraph') {
    const problems = await compositionProblems(block.text, gw);
    if (problems.length > 0) throw new Error(`does not compose beside Lattice:\n  ${problems.join('\n  ')}`);
    return;
  }
  const doc = documentOf(block.text);
  if (doc.definitions.some(isSdl)) {
    const problems = sdlProblems(doc, await gw.schema());
    if (problems.length > 0) throw new Error(`the SDL it shows is not what is served:\n  ${problems.join('\n  ')}`);
    return;
  }
  const expectError = block.directive?.kind === 'error';
  const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (ops.length === 0) throw new Error('holds no operation and no SDL');
  const fragments = doc.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  let afterMutation = false;
  for (const op of ops) {
    const text = print({ ...doc, definitions: [op, ...fragments] });
    const variables = variablesFor(op);
    let errors: readonly { message: string }[] | undefined;
    if (op.operation === 'subscription') {
      const root = op.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
      const field = root?.kind === Kind.FIELD ? root.name.value : '?';
      const trigger = TRIGGERS[field];
      if (!trigger) throw new Error(`no trigger for a ${field} subscription: add one to TRIGGERS in test/docs/run/graphql.ts`);
      const args = root?.kind === Kind.FIELD ? Object.fromEntries((root.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value, variables)])) : {};
      const event = await gw.firstEvent(text, variables, () => trigger(gw, args));
      errors = event.errors;
    } else {
      let res = await gw.query(text, variables);
      for (let attempt = 1; res.errors?.length && !expectError && afterMutation && attempt < STEP_ATTEMPTS; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        res = await gw.query(text, variables);
      }
      errors = res.errors;
      if (!expectError && res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(res.errors)}`);
    }
    afterMutation ||= op.operation === 'mutation';
    if (expectError && !errors?.length) throw new Error('the doc says this block shows an error, and it answered none');
    if (!expectError && errors?.length) throw new Error(`answered errors:\n  ${errors.map((e) => JSON.stringify(e)).join('\n  ')}`);
  }
}
