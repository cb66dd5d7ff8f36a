/**
 * GraphiQL, served from local assets only (no CDN: it works with no internet). The page loads
 * React, ReactDOM and GraphiQL's UMD bundles from `/graphiql/`, which this module maps to the
 * installed npm packages.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import express from 'express';

const require = createRequire(import.meta.url);
const dir = (pkg: string) => path.dirname(require.resolve(`${pkg}/package.json`));

export const GRAPHIQL_ASSETS_PATH = '/graphiql';

/** Static routes for the assets: /graphiql/graphiql.min.{js,css}, /graphiql/react*.js. */
export function graphiqlAssets(): express.Router {
  const router = express.Router();
  const files: Record<string, string> = {
    'graphiql.min.js': path.join(dir('graphiql'), 'graphiql.min.js'),
    'graphiql.min.css': path.join(dir('graphiql'), 'graphiql.min.css'),
    'react.production.min.js': path.join(dir('react'), 'umd/react.production.min.js'),
    'react-dom.production.min.js': path.join(dir('react-dom'), 'umd/react-dom.production.min.js'),
  };
  for (const [name, file] of Object.entries(files)) {
    router.get(`/${name}`, (_req, res) => res.sendFile(file, { maxAge: '1h' }));
  }
  return router;
}

const DEFAULT_QUERY = `# Welcome to Lattice. Press the run button (or Ctrl-Enter).
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

export function graphiqlHtml(endpoint: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Lattice · GraphiQL</title>
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
  <link rel="stylesheet" href="${GRAPHIQL_ASSETS_PATH}/graphiql.min.css" />
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="${GRAPHIQL_ASSETS_PATH}/react.production.min.js"></script>
  <script src="${GRAPHIQL_ASSETS_PATH}/react-dom.production.min.js"></script>
  <script src="${GRAPHIQL_ASSETS_PATH}/graphiql.min.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(endpoint)} });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(DEFAULT_QUERY)}, defaultEditorToolsVisibility: true }),
    );
  </script>
</body>
</html>`;
}
