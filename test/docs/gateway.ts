/**
 * The gateway the docs' queries and commands run against: the demo (scripts/demoEnvironment.ts:
 * the example catalog with live GitHub, Kubernetes and AWS data from the simulators, and the
 * shipped actions with the executor simulator as their backends), the superset of every setup the
 * docs describe, started once per test file. One thing is added, as a reader's own installation
 * would have it: an API token with the roles `Admin`, `SRE` and `Member` (what `LATTICE_TOKEN=…`
 * stands for in the docs). Rate limits are off: the docs' commands are many callers at once.
 */
import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { sha256Hex } from '../../src/auth/authenticate.ts';
import { startDemoEnvironment, type DemoEnvironment } from '../../scripts/demoEnvironment.ts';
import { gql, type GraphQLResponse } from '../helpers/lattice.ts';

export const DOCS_TOKEN = 'docs-test-admin-token';

export interface DocsGateway {
  readonly demo: DemoEnvironment;
  /** http://127.0.0.1:<port>, without /graphql. */
  readonly url: string;
  readonly query: (query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse>;
  /** Subscribes over graphql-ws (with the token), calls `trigger`, and resolves with the first event. */
  readonly firstEvent: (query: string, variables: Record<string, unknown>, trigger: () => Promise<void>) => Promise<{ data?: unknown; errors?: readonly { message: string }[] }>;
  readonly schema: () => Promise<GraphQLSchema>;
  readonly close: () => Promise<void>;
}

export async function startDocsGateway(): Promise<DocsGateway> {
  const demo = await startDemoEnvironment({
    env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
    configure: (config) => ({
      ...config,
      watch: false,
      federation: { ...config.federation, enabled: true }, // docs/api-notes.md's subgraph composes beside it
      rateLimits: { ...config.rateLimits, enabled: false },
      auth: { ...config.auth, tokens: [...config.auth.tokens, { name: 'docs', sha256: sha256Hex(DOCS_TOKEN), user: 'docs@example.com', teams: [], roles: ['Admin', 'SRE', 'Member'] }] },
    }),
  });
  const url = demo.lattice.url;
  let schema: GraphQLSchema | undefined;
  const query = (q: string, variables?: Record<string, unknown>) => gql(url, q, variables, { token: DOCS_TOKEN });

  return {
    demo,
    url,
    query,
    firstEvent: (q, variables, trigger) => {
      const client = createClient({ url: `${url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${DOCS_TOKEN}` }, retryAttempts: 0 });
      let settled = false;
      return new Promise((resolve, reject) => {
        const stop = client.subscribe<unknown>(
          { query: q, variables },
          {
            next: (value) => {
              settled = true;
              stop();
              void client.dispose();
              resolve(value as { data?: unknown; errors?: readonly { message: string }[] });
            },
            error: (err) => {
              settled = true;
              void client.dispose();
              reject(err instanceof Error ? err : new Error(JSON.stringify(err)));
            },
            complete: () => reject(new Error('the subscription completed before its first event')),
          },
        );
        // The trigger's event may reach the server before the subscription does: trigger again,
        // once a second (at most 30 times), until the first event arrives.
        let triggers = 0;
        const again = () => {
          if (settled) return;
          if (triggers++ >= 30) {
            settled = true;
            void client.dispose();
            reject(new Error('no event after 30 triggers, one a second'));
            return;
          }
          void trigger().then(() => setTimeout(again, 1000), reject);
        };
        client.on('connected', again);
      });
    },
    schema: async () => {
      if (!schema) {
        const res = await query(getIntrospectionQuery());
        if (res.errors) throw new Error(`introspection failed: ${JSON.stringify(res.errors)}`);
        schema = buildClientSchema(res.data);
      }
      return schema;
    },
    close: () => demo.close(),
  };
}
