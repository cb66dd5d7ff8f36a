/**
 * The public surface of src/actions: import from here (exports added with intention).
 * See README.md for the module's job and contract.
 */
export { ActionError, ActionErrorReasons, isActionError, type ActionErrorReason } from './errors.ts';
export {
  ADMIN_ROLE,
  INVOCATION_TYPES,
  OPERATIONS,
  createActionSet,
  type Action,
  type ActionPermissions,
  type ActionSet,
  type ApprovalType,
  type EntityMapping,
  type GithubMethod,
  type InputDef,
  type InvocationMethod,
  type InvocationType,
  type KubernetesMethod,
  type Operation,
  type PermissionRule,
  type RequiredApproval,
  type SelfServiceTrigger,
  type UpsertEntityMethod,
  type UserInputs,
  type WebhookMethod,
} from './model.ts';
export { loadActions, type ActionFile, type LoadedActions } from './load.ts';
export { validateInputs, maskInputs, secretInputNames, userInputsJsonSchema, inputJsonSchema, entityBlueprint, type EntityExists, type InputProblem, type ValidatedInputs } from './inputs.ts';
export { entityMatchesCondition } from './condition.ts';
export { RUN_STATUSES, FINAL_STATUSES, assertTransition, canTransition, isFinal, isRunStatus, type RunStatus } from './status.ts';
export { applyUpdate, newRun, newRunId, type Approval, type Caller, type Decision, type NewRunInput, type Run, type RunLogLine, type RunTrigger, type RunUpdate } from './run.ts';
export { matchesFilter, type RunFilter, type RunPage, type RunPageArgs, type RunStore } from './RunStore.ts';
export { MemoryRunStore } from './MemoryRunStore.ts';
export { RedisRunStore } from './RedisRunStore.ts';
export { eventRunId, type RunEvent, type RunEventListener, type RunEvents, type RunTopic, type Unsubscribe } from './RunEvents.ts';
export { MemoryRunEvents } from './MemoryRunEvents.ts';
export { RedisRunEvents } from './RedisRunEvents.ts';
export { followLogs, followRun, followRuns, type FollowOptions } from './follow.ts';
export { canCancel, canExecute, canViewRun, isAdmin, isApprover, matchesRule, type ViewRunInput } from './permissions.ts';
export { approvalState, approverSlots, decide, requiredSlots, slotsFilledBy, type ApprovalOutcome, type ApprovalState, type DecideInput, type DecideResult } from './approvals.ts';
export { compileTemplate, templateProblems, type CompiledTemplate, type TemplateContext, type TemplateProblem } from './templates.ts';
export { defaultWebhookBody, invocationTemplate, renderInvocation } from './invocation.ts';
export { MASK, maskSecrets, type Secrets } from './secrets.ts';
export { executorToken, hashToken, verifyExecutorToken } from './executorToken.ts';
export { openInputs, sealInputs } from './sealing.ts';
export type { InvocationContext, InvocationOutcome, Invoker, Invokers } from './invokers/Invoker.ts';
export { callWebhook, signPortWebhook, webhookInvoker, type WebhookCallOptions, type WebhookInvokerOptions, type WebhookRequest, type WebhookResult } from './invokers/webhook.ts';
export { entityFromMapping, upsertEntityInvoker, type UpsertEntityInvokerOptions } from './invokers/upsertEntity.ts';
export { githubInvoker, type GithubInvokerOptions } from './invokers/github.ts';
export { kubernetesInvoker, type KubernetesInvokerOptions } from './invokers/kubernetes.ts';
export { ActionEngine, type AppendLogRequest, type EngineOptions, type ExecuteRequest, type ReportRequest } from './engine.ts';
