/**
 * Rendering an action's invocation method for one run: every string of the method (but its
 * `type`) is a template (templates.ts), compiled once per action and rendered over the run's
 * template context. `missingSecrets` names the `.secrets.NAME` an action's method uses that the
 * gateway does not have, so a run fails naming `LATTICE_SECRET_<NAME>` rather than calling
 * `null`. A WEBHOOK with no `body` sends `defaultWebhookBody`, shaped like Port's
 * default payload so receivers written for Port find what they expect.
 */
import type { Action, InvocationMethod } from './model.ts';
import type { Secrets } from './secrets.ts';
import { compileTemplate, type CompiledTemplate, type TemplateContext } from './templates.ts';

const compiled = new WeakMap<Action, CompiledTemplate>();
const secretNames = new WeakMap<Action, readonly string[]>();

/** `.secrets.NAME`, `.secrets."NAME"` and `.secrets["NAME"]` in a template. */
const SECRET_REFERENCE = /\.secrets\s*(?:\.\s*"?([A-Za-z_][A-Za-z0-9_]*)"?|\[\s*"([^"]+)"\s*\])/g;

/** The invocation method's template, compiled once per action. Throws TEMPLATE_FAILED. */
export function invocationTemplate(action: Action): CompiledTemplate {
  let template = compiled.get(action);
  if (!template) {
    const { type: _type, ...rest } = action.invocationMethod;
    template = compileTemplate(rest, '/invocationMethod');
    compiled.set(action, template);
  }
  return template;
}

/** The invocation method with every template rendered (the rendered value is never stored). */
export async function renderInvocation(action: Action, context: TemplateContext): Promise<InvocationMethod> {
  const rendered = (await invocationTemplate(action).render(context)) as Record<string, unknown>;
  return { ...rendered, type: action.invocationMethod.type } as InvocationMethod;
}

/** The secrets the action's invocation method names (computed once per action), sorted. */
export function secretsUsed(action: Action): readonly string[] {
  let names = secretNames.get(action);
  if (!names) {
    const found = new Set<string>();
    const walk = (value: unknown): void => {
      if (typeof value === 'string') for (const m of value.matchAll(SECRET_REFERENCE)) found.add(m[1] ?? m[2]);
      else if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) [k, v].forEach(walk);
    };
    walk(action.invocationMethod);
    names = [...found].sort();
    secretNames.set(action, names);
  }
  return names;
}

/** The secrets the action's method uses that `secrets` lacks (each is `LATTICE_SECRET_<NAME>` in the environment). */
export function missingSecrets(action: Action, secrets: Secrets): string[] {
  return secretsUsed(action).filter((name) => !Object.hasOwn(secrets, name));
}

export interface DefaultBodyInput {
  readonly action: Action;
  readonly context: TemplateContext;
  readonly runId: string;
  readonly entity: { readonly blueprint: string; readonly identifier: string } | null;
}

/** Port's default webhook payload, as far as Lattice has its parts. Holds no secrets. */
export function defaultWebhookBody({ action, context, runId, entity }: DefaultBodyInput): Record<string, unknown> {
  return {
    action: { identifier: action.identifier, title: action.title },
    resourceType: 'run',
    status: 'TRIGGERED',
    trigger: context.trigger,
    context: { blueprint: action.trigger.blueprintIdentifier ?? null, entity: entity?.identifier ?? null, runId },
    payload: { entity: context.entity, action: { identifier: action.identifier, operation: action.trigger.operation }, properties: context.inputs },
  };
}
