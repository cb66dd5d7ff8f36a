/**
 * What the Lattice plugins share: the page's Connection (React context) and `useLattice()`, which
 * binds it to the headers in GraphiQL's header editor, read when each request or subscription
 * starts, so a plugin's requests carry the same Authorization as the user's own queries.
 */
import { tryParseJSONC, useGraphiQL, useHeadersEditorState } from '@graphiql/react';
import { createContext, useContext, useMemo } from 'react';
import type { FormattedExecutionResult } from 'graphql';
import { authorizationOf, type Connection, type Headers, type Request } from './connection.ts';

export const ConnectionContext = createContext<Connection | null>(null);

export interface Lattice {
  request<T = Record<string, unknown>>(request: Request): Promise<FormattedExecutionResult<T>>;
  subscribe<T = Record<string, unknown>>(request: Request, sink: { next(result: FormattedExecutionResult<T>): void; done(error?: unknown): void }): () => void;
  /** The Authorization header in the editor, if any (for display: "anonymous" otherwise). */
  readonly authenticated: boolean;
}

function parseHeaders(text: string): Headers {
  try {
    const parsed = tryParseJSONC(text) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Headers) : {};
  } catch {
    return {};
  }
}

export function useLattice(): Lattice {
  const connection = useContext(ConnectionContext);
  if (!connection) throw new Error('useLattice() needs the ConnectionContext provider (main.tsx)');
  const headerEditor = useGraphiQL((s) => s.headerEditor);
  const initialHeaders = useGraphiQL((s) => s.initialHeaders);
  // Only for showing whether there are credentials: this hook's value lags the editor by a render.
  const [headersText] = useHeadersEditorState();
  const authenticated = authorizationOf(parseHeaders(headersText)) !== undefined;
  return useMemo(() => {
    const headers = () => parseHeaders(headerEditor?.getValue() ?? initialHeaders);
    return {
      request: (request) => connection.request(request, headers()),
      subscribe: (request, sink) => connection.subscribe(request, headers(), sink),
      authenticated,
    };
  }, [connection, headerEditor, initialHeaders, authenticated]);
}

/** The first error's message of a result, or null when it has none. */
export function firstError(result: FormattedExecutionResult<unknown>): string | null {
  return result.errors?.[0]?.message ?? null;
}
