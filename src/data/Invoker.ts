/**
 * The invoker contract: one function per invocation method, registered explicitly with the
 * engine (`Invokers`), never looked up by name. The engine renders the method's templates, then
 * calls the invoker with everything it needs; the invoker does the call and says what happened:
 *
 * - `accepted`: the backend took the job and will report back (the run stays IN_PROGRESS until the
 *   executor reports, with the executor token it was handed);
 * - `completed`: the run is over (SUCCESS or FAILURE) as far as the invoker can tell.
 *
 * An invoker whose backend reports back through another channel than the executor token (GitHub's
 * `workflow_run` webhooks) calls `keep(response)` before it sends the request: the record of what
 * it is about to send is then stored, where every replica reads it, before the backend can report
 * about it. A report may land before the invoker returns (the webhook beat the dispatch's answer),
 * and then the invoker's outcome does not overwrite it.
 *
 * An invoker that throws ends the run FAILURE with the error's message, secrets masked.
 * Invokers are called with the run id as idempotency key, and may be called again for the same run
 * (a retry after a replica died): a backend must treat a repeated key as the same request.
 */
import type { Action, InvocationMethod, InvocationType } from '../model/actions/model.ts';
import type { Run } from './run.ts';
import type { TemplateContext } from '../model/actions/templates.ts';

export interface InvocationContext {
  readonly action: Action;
  readonly run: Run;
  /** The invocation method with its templates rendered for this run: never stored or logged. */
  readonly method: InvocationMethod;
  readonly templateContext: TemplateContext;
  /** The run's executor token, for the backend to report status and logs back. */
  readonly executorToken: string;
  /** Appends a line to the run's log (secrets masked). */
  log(message: string): Promise<void>;
  /** Masks every secret value, secret input and the executor token in a text. */
  mask(text: string): string;
  /**
   * Stores `response` (masked) as the run's response now, before the invoker sends what it
   * describes: a report about the request (a webhook, on any replica) can be checked against it
   * even when it arrives before the invoker returns. Once kept, an `accepted` outcome changes the
   * run only if nothing else did meanwhile (a report that came first stands).
   */
  keep(response: unknown): Promise<void>;
}

export type InvocationOutcome =
  | {
      readonly kind: 'accepted';
      readonly links?: readonly string[];
      readonly statusLabel?: string;
      /** Kept as the run's `response`: what was dispatched, so reports about it can be checked (GITHUB: repository, workflow, ref, time). */
      readonly response?: unknown;
    }
  | {
      readonly kind: 'completed';
      readonly status: 'SUCCESS' | 'FAILURE';
      readonly summary?: string;
      readonly links?: readonly string[];
      readonly statusLabel?: string;
      readonly response?: unknown;
    };

export type Invoker = (context: InvocationContext) => Promise<InvocationOutcome>;

export type Invokers = Readonly<Partial<Record<InvocationType, Invoker>>>;

/** What an upstream says of a run it executes (a GitHub workflow run, seen through its webhook). */
export interface UpstreamRunUpdate {
  readonly runId: string;
  readonly status?: 'SUCCESS' | 'FAILURE';
  readonly statusLabel?: string;
  readonly links?: readonly string[];
  /** Why this update is not about `run` (another repository, workflow, an earlier run); undefined: it is. */
  readonly reject?: (run: Run) => string | undefined;
}
