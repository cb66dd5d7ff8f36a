/**
 * What the server tells the page (src/server/graphiql.ts writes it into the HTML as JSON): the
 * GraphQL endpoint's path and the query a first visit starts with.
 */
export interface PageConfig {
  /** Path of the GraphQL endpoint, for HTTP and graphql-ws alike (e.g. `/graphql`). */
  readonly endpoint: string;
  readonly defaultQuery: string;
}

export const PAGE_CONFIG_ID = 'lattice-graphiql-config';

export function readPageConfig(): PageConfig {
  const text = document.getElementById(PAGE_CONFIG_ID)?.textContent;
  if (!text) throw new Error(`the page has no #${PAGE_CONFIG_ID} script: it must be served by Lattice`);
  return JSON.parse(text) as PageConfig;
}
