/**
 * Pre-validation of graphql-ws messages: graphql-ws closes the whole socket (4400) for one
 * malformed message, which lets one bad `subscribe` end every other operation of the connection.
 * A `subscribe` that names its id but is malformed (no payload, a query that is not a string, bad
 * variables, broken JSON) is answered with an `error` for that id instead, and the socket stays.
 * A message with no recognisable id still goes to graphql-ws (4400: there is nobody to answer).
 */
import { MessageType, validateMessage } from 'graphql-ws';
import { ErrorCodes } from '../errors/index.ts';
import { documentIdOf, type DocumentRequest } from './trustedDocuments.ts';

/**
 * What to do with a raw message: `answer` it (an `error` for a malformed subscribe) or `pass` this
 * text on to graphql-ws. A subscribe that names a trusted document (`documentId`,
 * `extensions.persistedQuery`) and has no query passes with `query: ""` (graphql-ws requires a
 * string); subscribeGuards.ts swaps in the document.
 */
export function screenMessage(data: string): { readonly answer: string } | { readonly pass: string } {
  const answer = malformedSubscribeAnswer(data);
  if (answer) return { answer };
  const message = parsed(data) as { type?: unknown; payload?: DocumentRequest } | undefined;
  if (message?.type === MessageType.Subscribe && message.payload && typeof message.payload === 'object' && message.payload.query === undefined && documentIdOf(message.payload)) {
    return { pass: JSON.stringify({ ...message, payload: { ...message.payload, query: '' } }) };
  }
  return { pass: data };
}

function parsed(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

/** The `error` message to answer instead of passing the raw message on, or undefined when graphql-ws should see it. */
function malformedSubscribeAnswer(data: string): string | undefined {
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    // Broken JSON: answer for the id if the text names a subscribe and an id.
    const id = /"id"\s*:\s*"([^"\\]{1,200})"/.exec(data)?.[1];
    return id && /"type"\s*:\s*"subscribe"/.test(data) ? errorMessage(id, 'the message is not valid JSON') : undefined;
  }
  if (!isSubscribeWithId(message)) return undefined;
  try {
    const payload = (message as { payload?: DocumentRequest }).payload;
    // A trusted document's id stands for the query.
    validateMessage(payload && typeof payload === 'object' && payload.query === undefined && documentIdOf(payload) ? { ...message, payload: { ...payload, query: '' } } : message);
    return undefined;
  } catch (err) {
    return errorMessage(message.id, err instanceof Error ? err.message : 'invalid subscribe message');
  }
}

function isSubscribeWithId(message: unknown): message is { type: string; id: string } {
  if (!message || typeof message !== 'object') return false;
  const m = message as { type?: unknown; id?: unknown };
  return m.type === MessageType.Subscribe && typeof m.id === 'string' && m.id !== '';
}

function errorMessage(id: string, problem: string): string {
  return JSON.stringify({ id, type: MessageType.Error, payload: [{ message: `malformed subscribe message: ${problem}`, extensions: { code: ErrorCodes.BAD_REQUEST } }] });
}
