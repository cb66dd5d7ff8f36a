/**
 * The GraphiQL page: GraphiQL 5 (Monaco editors, their workers set up for Vite), with the headers
 * persisted (the Authorization header survives a reload), subscriptions over graphql-ws
 * (connection.ts), the explorer plugin, and the two Lattice plugins: Catalog graph and Actions.
 */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './lattice.css';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import { actionsPlugin } from './actions/plugin.tsx';
import { catalogGraphPlugin } from './catalogGraph/plugin.tsx';
import { Connection } from './connection.ts';
import { ConnectionContext } from './lattice.ts';
import { readPageConfig } from './pageConfig.ts';

const config = readPageConfig();
const connection = new Connection(config.endpoint);
const plugins = [explorerPlugin(), catalogGraphPlugin, actionsPlugin];
const root = document.getElementById('graphiql');
if (!root) throw new Error('the page has no #graphiql element');

createRoot(root).render(
  <ConnectionContext.Provider value={connection}>
    <GraphiQL fetcher={connection.fetcher()} plugins={plugins} defaultQuery={config.defaultQuery} shouldPersistHeaders defaultEditorToolsVisibility />
  </ConnectionContext.Provider>,
);
