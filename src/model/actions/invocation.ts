/**
 * Rendering an action's invocation method for one run: every string of the method (but its
 * `type`) is a template (templates.ts), compiled once per action and rendered over the run's
 * template context. A WEBHOOK with no `body` sends `defaultWebhookBody`, shaped like Port's
 * default payload so receivers written for Port find what they expect.
 */
import type { Action, InvocationMethod } from './model.ts';
import { compileTemplate, type CompiledTemplate, type TemplateContext } from './templates.ts';

const compiled = new WeakMap<Action, CompiledTemplate>();

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
