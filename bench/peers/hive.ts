/**
 * Hive Gateway proxying the GitHub simulator: the peer `npm run bench:peers` loads (one child
 * process per variant). What a user gets from @graphql-hive/gateway-runtime in proxy mode: every
 * operation is validated against GitHub's schema and forwarded to GitHub's GraphQL endpoint with
 * the token; with `HIVE_CACHE=on`, its response cache (@graphql-mesh/plugin-response-cache over
 * @graphql-mesh/cache-inmemory-lru, the in-memory LRU of Mesh's cache packages): one entry per
 * operation and variables, shared by all callers (no session), 300 s. The LRU's default bound
 * (1,000 keys) is raised: the response cache also writes two keys per entity in every answer (for
 * invalidation by entity), so one page of ~90 repositories and their ~90 pull requests writes ~360 and
 * with the default the dashboard's pages evict each other (measured: 0.5 GitHub requests per warm
 * dashboard of 5 pages).
 *
 * The schema is GitHub's published one (the simulator serves the same), given up front so that
 * the gateway does not introspect GitHub when it starts.
 *
 *   GITHUB_URL=http://127.0.0.1:… GITHUB_TOKEN=… PORT=… HIVE_CACHE=on|off node bench/peers/hive.ts
 */
import http from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import InMemoryLRUCache from '@graphql-mesh/cache-inmemory-lru';
import { gitHubSchema } from '../../test/simulators/github/schema.ts';

const { GITHUB_URL, GITHUB_TOKEN, PORT } = process.env;
if (!GITHUB_URL || !GITHUB_TOKEN || !PORT) throw new Error('bench/peers/hive.ts needs GITHUB_URL, GITHUB_TOKEN and PORT');

const gateway = createGatewayRuntime({
  proxy: { endpoint: `${GITHUB_URL}/graphql`, headers: { authorization: `bearer ${GITHUB_TOKEN}` } },
  schema: gitHubSchema(),
  logging: false,
  ...(process.env.HIVE_CACHE === 'on' ? { cache: new InMemoryLRUCache({ max: 100_000 }), responseCaching: { session: () => null, ttl: 300_000 } } : {}),
});

const server = http.createServer(gateway);
server.listen(Number(PORT), '127.0.0.1');
process.once('SIGINT', () => {
  server.close();
  void Promise.resolve(gateway.dispose()).then(() => process.exit(0));
});
