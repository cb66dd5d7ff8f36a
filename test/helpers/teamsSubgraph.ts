/**
 * A second Relay-shaped federation subgraph for the composition tests: teams, its own `Node`,
 * `Query.node` and `PageInfo`, and Lattice's `Component` extended by key (`identifier`) with its
 * owner team and Lattice's own `id` (docs/api-notes.md, "Federation").
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { toGlobalId } from '../../resolvers/globalId.ts';

/** A second Relay-shaped subgraph: teams, its own Node/node/PageInfo, and Lattice's Component extended with its owner team. */
export const TEAMS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

  interface Node {
    id: ID!
  }

  type PageInfo @shareable {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  type Team implements Node @key(fields: "id") {
    id: ID!
    name: String!
    members(first: Int, after: String): TeamMemberConnection!
  }

  type TeamMemberConnection {
    edges: [TeamMemberEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type TeamMemberEdge {
    cursor: String!
    node: String!
  }

  type Component implements Node @key(fields: "identifier") {
    identifier: String!
    id: ID! @shareable
    ownerTeam: Team
  }

  type Query {
    node(id: ID!): Node @shareable
    teams: [Team!]!
  }
`;

export const TEAM = { id: 'team:checkout', name: 'Checkout' };

export function teamsSubgraph() {
  return buildSubgraphSchema([
    {
      typeDefs: parse(TEAMS_SDL),
      resolvers: {
        Query: { teams: () => [TEAM], node: (_: unknown, { id }: { id: string }) => (id === TEAM.id ? TEAM : null) },
        Node: { __resolveType: (n: { id: string }) => (n.id.startsWith('team:') ? 'Team' : 'Component') },
        Team: { members: () => ({ edges: [{ cursor: 'c1', node: 'ana@example.com' }], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: 'c1', endCursor: 'c1' }, totalCount: 1 }) },
        Component: {
          // The same id Lattice gives (resolvers/globalId.ts): base64url of ["<blueprint>","<identifier>"].
          __resolveReference: (ref: { identifier: string }) => ({ identifier: ref.identifier }),
          id: (c: { identifier: string }) => toGlobalId('component', c.identifier),
          ownerTeam: (c: { identifier: string }) => (c.identifier === 'CartService' ? TEAM : null),
        },
      },
    },
  ]);
}
