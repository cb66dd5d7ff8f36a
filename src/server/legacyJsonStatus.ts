/**
 * GraphQL over HTTP's status codes for legacy clients: a request that does not parse, does not
 * validate, or whose variables do not coerce is answered 200 when the response is
 * `application/json` (the spec's SHOULD: a legacy client reads the errors of a 200), and stays
 * 400 when the client accepts `application/graphql-response+json`. Apollo Server answers 400 for
 * both; this plugin sets the status, and the content type with it so the two agree.
 */
import type { ApolloServerPlugin } from '@apollo/server';

const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
const REQUEST_ERRORS: ReadonlySet<unknown> = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/** Whether `accept` names application/graphql-response+json with a q above 0. */
function acceptsGraphqlResponseJson(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((range) => {
    const [type, ...params] = range.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return type === GRAPHQL_RESPONSE_JSON && (q === undefined || Number(q.slice(2)) > 0);
  });
}

export function legacyJsonStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.body.kind !== 'single' || response.http.status !== 400) return;
          const { singleResult } = response.body;
          if ('data' in singleResult || !singleResult.errors?.every((e) => REQUEST_ERRORS.has(e.extensions?.code))) return;
          if (acceptsGraphqlResponseJson(request.http?.headers.get('accept'))) {
            response.http.headers.set('content-type', GRAPHQL_RESPONSE_JSON);
          } else {
            response.http.headers.set('content-type', 'application/json; charset=utf-8');
            response.http.status = 200;
          }
        },
      };
    },
  };
}
