/**
 * The Actions plugin: the self-service actions that apply to the selected entity (DAY-2 and
 * DELETE actions of its blueprint), each as a form generated from its inputs' JSON Schema
 * (`ActionDefinition.inputsSchema`) by react-jsonschema-form with its ajv 8 validator, so a wrong
 * input is shown beside its field before anything is sent. Submitting runs `executeAction` with the
 * header editor's credentials; the run then shows live (RunView.tsx). The server validates again:
 * its refusals (permissions, the action's condition) are shown as they come.
 */
import type { GraphiQLPlugin } from '@graphiql/react';
import Form from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useEffect, useState } from 'react';
import { useBlueprints } from '../blueprints.ts';
import { EntityPicker } from '../EntityPicker.tsx';
import { firstError, useLattice } from '../lattice.ts';
import { useSelectedEntity, type EntityRef } from '../selection.ts';
import { RunView } from './RunView.tsx';

interface ActionInfo {
  readonly identifier: string;
  readonly title: string;
  readonly description: string | null;
  readonly operation: string;
  readonly blueprint: string | null;
  readonly inputsSchema: RJSFSchema;
  readonly definition: { trigger?: { userInputs?: { order?: string[]; properties?: Record<string, { title?: string; description?: string }> } } };
}

const ACTIONS_QUERY = 'query LatticeActions { actions { identifier title description operation blueprint inputsSchema definition } }';
const EXECUTE = 'mutation LatticeExecuteAction($action: String!, $entity: String, $inputs: JSON!) { executeAction(action: $action, entity: $entity, inputs: $inputs) { id status } }';
/** Operations that act on an existing entity (CREATE actions make a new one: not listed here), by ActionOperation's GraphQL names (Port's DAY-2 is DAY_2). */
const ON_ENTITY = new Set(['DAY_2', 'DELETE']);

/**
 * What the JSON Schema leaves to presentation, from the action as written: Port's `userInputs.order`
 * as `ui:order` (what it does not name follows), each input's `title` and `description` as its label and help.
 */
function uiSchemaOf(action: ActionInfo): UiSchema {
  const inputs = action.definition.trigger?.userInputs;
  const fields = Object.entries(inputs?.properties ?? {}).map(([key, def]) => [key, { ...(def.title ? { 'ui:title': def.title } : {}), ...(def.description ? { 'ui:description': def.description } : {}) }]);
  return { ...Object.fromEntries(fields), 'ui:order': [...(inputs?.order ?? []), '*'], 'ui:submitButtonOptions': { submitText: 'Run' } };
}

function ActionCard({ action, entity }: { action: ActionInfo; entity: EntityRef }) {
  const lattice = useLattice();
  const [runId, setRunId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const run = async (inputs: unknown) => {
    setSending(true);
    setError(null);
    try {
      const result = await lattice.request<{ executeAction: { id: string } }>({ query: EXECUTE, variables: { action: action.identifier, entity: entity.identifier, inputs: inputs ?? {} }, operationName: 'LatticeExecuteAction' });
      if (result.data?.executeAction) setRunId(result.data.executeAction.id);
      else setError(firstError(result) ?? 'the server did not start a run');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSending(false);
    }
  };
  return (
    <article className="lattice-action" data-action={action.identifier}>
      <h3>
        {action.title} <small>{action.operation}</small>
      </h3>
      {action.description && <p className="lattice-hint">{action.description}</p>}
      <Form schema={action.inputsSchema} uiSchema={uiSchemaOf(action)} validator={validator} disabled={sending} showErrorList={false} noHtml5Validate onSubmit={({ formData }) => void run(formData)} />
      {error && <p className="lattice-error">{error}</p>}
      {runId && <RunView runId={runId} />}
    </article>
  );
}

function Actions() {
  const lattice = useLattice();
  const { blueprints, error: modelError } = useBlueprints();
  const selected = useSelectedEntity();
  const [actions, setActions] = useState<readonly ActionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    lattice.request<{ actions: ActionInfo[] }>({ query: ACTIONS_QUERY, operationName: 'LatticeActions' }).then(
      (r) => live && (setActions(r.data?.actions ?? null), setError(firstError(r))),
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [lattice]);

  if (modelError || error) return <p className="lattice-error">{modelError ?? error}</p>;
  if (!blueprints || !actions) return <p>Loading the actions…</p>;
  const applicable = selected ? actions.filter((a) => a.blueprint === selected.blueprint && ON_ENTITY.has(a.operation)) : [];
  return (
    <div className="lattice-plugin lattice-actions">
      <EntityPicker blueprints={blueprints} selected={selected} label="Select" />
      {!lattice.authenticated && <p className="lattice-hint">No Authorization header: anonymous callers may not run actions. Add one in the Headers tab, e.g. {'{"Authorization": "Bearer <token>"}'}.</p>}
      {!selected && <p className="lattice-hint">Select an entity here or in the Catalog graph.</p>}
      {selected && applicable.length === 0 && (
        <p className="lattice-hint">
          No action applies to {blueprints.find((b) => b.identifier === selected.blueprint)?.title || selected.blueprint} entities.
        </p>
      )}
      {selected && applicable.map((a) => <ActionCard key={`${a.identifier}|${selected.identifier}`} action={a} entity={selected} />)}
    </div>
  );
}

function ActionsIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <path d="M13 2 4 14h7l-1 8 9-12h-7l1-8z" />
    </svg>
  );
}

export const actionsPlugin: GraphiQLPlugin = { title: 'Actions', icon: ActionsIcon, content: Actions };
