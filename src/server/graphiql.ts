/**
 * GraphiQL 5, served from local assets only (no CDN: it works with no internet). The page's
 * sources are web/graphiql/ (GraphiQL with the explorer, Catalog graph and Actions plugins); its
 * bundle is built by Vite from node_modules the first time a page or asset is asked for, and
 * cached on disk per version of its inputs (web/graphiql/build.ts), so later starts serve at once.
 * `npm start` builds it ahead (`prepareGraphiql`). The assets live under `/graphiql/`; their names
 * carry a content hash, so they are cached for good, while the page itself is never cached.
 */
import express from 'express';
import type { Logger } from 'pino';
import { graphiqlBundle, type GraphiqlBundle } from '../../web/graphiql/build.ts';
import { PAGE_CONFIG_ID, type PageConfig } from '../../web/graphiql/pageConfig.ts';

export const GRAPHIQL_ASSETS_PATH = '/graphiql';

const DEFAULT_QUERY = `# Welcome to Lattice. Press the run button (or Ctrl-Enter).
# Authenticate in the Headers tab below: {"Authorization": "Bearer <token>"} (kept across reloads).
# Side panels: Explorer, Catalog graph (an entity's relations, both ways), Actions (forms that run actions).
{
  domain(identifier: "Orders") {
    title
    systemsByDomain {
      nodes {
        identifier
        componentsBySystem {
          nodes { identifier type }
        }
      }
    }
  }
}
`;

/** Starts building the bundle now (when none is cached), so the first page load does not wait; a failure is logged. */
export function prepareGraphiql(log: Pick<Logger, 'error'>): void {
  graphiqlBundle().catch((err: unknown) => log.error({ err }, 'GraphiQL could not be built'));
}

/** Static routes for the bundle under GRAPHIQL_ASSETS_PATH; they wait for a build in progress. */
export function graphiqlAssets(log: Pick<Logger, 'error'>): express.Router {
  const router = express.Router();
  const servers = new Map<string, express.Handler>();
  router.use(async (req, res, next) => {
    let bundle: GraphiqlBundle;
    try {
      bundle = await graphiqlBundle();
    } catch (err) {
      log.error({ err }, 'GraphiQL could not be built');
      res.status(503).type('text/plain').send('GraphiQL could not be built: see the server log');
      return;
    }
    let serve = servers.get(bundle.dir);
    if (!serve) {
      serve = express.static(bundle.dir, { immutable: true, maxAge: '365d', index: false, dotfiles: 'ignore' });
      servers.set(bundle.dir, serve);
    }
    serve(req, res, (err?: unknown) => (err ? next(err) : res.status(404).type('text/plain').send('no such GraphiQL asset')));
  });
  return router;
}

/** JSON inside a <script>: `<` escaped, so no value can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** The page (its script and styles named by the bundle's manifest), or a page that says why there is none. */
export async function graphiqlHtml(endpoint: string, log: Pick<Logger, 'error'>): Promise<string> {
  let bundle: GraphiqlBundle;
  try {
    bundle = await graphiqlBundle();
  } catch (err) {
    log.error({ err }, 'GraphiQL could not be built');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8" /><title>Lattice · GraphiQL</title></head><body><p>GraphiQL could not be built: see the server log. The API still answers at ${endpoint.replace(/[<&]/g, '')}.</p></body></html>`;
  }
  const config: PageConfig = { endpoint, defaultQuery: DEFAULT_QUERY };
  const asset = (file: string) => attr(`${GRAPHIQL_ASSETS_PATH}/${file}`);
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Lattice · GraphiQL</title>
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <link rel="icon" href="data:," />
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
${bundle.styles.map((file) => `  <link rel="stylesheet" href="${asset(file)}" />`).join('\n')}
  <script id="${PAGE_CONFIG_ID}" type="application/json">${scriptJson(config)}</script>
  <script type="module" src="${asset(bundle.script)}"></script>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
</body>
</html>`;
}
