/**
 * The reference GraphQL schema: what a competent engineer writes by hand for the dashboard query,
 * with no framework. A hand-written SDL with just the types and fields the dashboard needs (the
 * same enums as Lattice's, so answers compare equal), and synchronous resolvers over plain Maps
 * with reverse indexes built once and pre-sorted by identifier (Lattice's default order). Used
 * in-process by bench/dashboard.bench.ts and over HTTP by server.ts (bench/http.bench.ts).
 */
import { buildSchema, type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLSchema } from 'graphql';

/** An entity as the catalog files hold it (blueprint added). */
export interface ReferenceEntity {
  readonly blueprint: string;
  readonly identifier: string;
  readonly title?: string | null;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly relations: Readonly<Record<string, string | readonly string[] | null | undefined>>;
}

const SDL = `
  enum ComponentType { SERVICE LIBRARY }
  enum ResourceType { POSTGRESS KAFKA_TOPIC RABBIT_QUEUE S3_BUCKET }
  type Query { domain(identifier: String!): Domain }
  type Domain { identifier: String! title: String systemsByDomain: SystemConnection! }
  type System { identifier: String! title: String componentsBySystem: ComponentConnection! }
  type Component {
    identifier: String!
    title: String
    type: ComponentType
    resources: ResourceConnection!
    components: ComponentConnection!
    consumesApi: APIConnection!
  }
  type Resource { identifier: String! title: String type: ResourceType }
  type API { identifier: String! title: String provider: Component }
  type SystemConnection { nodes: [System]! }
  type ComponentConnection { nodes: [Component]! }
  type ResourceConnection { nodes: [Resource]! }
  type APIConnection { nodes: [API]! }
`;

/** Property value as stored → GraphQL enum value name (what Lattice's enums serialize to). */
const COMPONENT_TYPE: Record<string, string> = { service: 'SERVICE', library: 'LIBRARY' };
const RESOURCE_TYPE: Record<string, string> = { postgress: 'POSTGRESS', 'kafka-topic': 'KAFKA_TOPIC', 'rabbit-queue': 'RABBIT_QUEUE', 's3-bucket': 'S3_BUCKET' };

type E = ReferenceEntity;
const byIdentifier = (a: E | null, b: E | null) => ((a?.identifier ?? '') < (b?.identifier ?? '') ? -1 : (a?.identifier ?? '') > (b?.identifier ?? '') ? 1 : 0);
const targets = (e: E, relation: string): readonly string[] => {
  const value = e.relations[relation];
  return value === null || value === undefined ? [] : typeof value === 'string' ? [value] : value;
};

export function referenceSchema(entities: readonly E[]): GraphQLSchema {
  const maps = new Map<string, Map<string, E>>();
  const reverse = new Map<string, E[]>();
  for (const e of entities) {
    if (!maps.has(e.blueprint)) maps.set(e.blueprint, new Map());
    maps.get(e.blueprint)!.set(e.identifier, e);
    for (const relation of Object.keys(e.relations)) {
      for (const target of targets(e, relation)) {
        const key = `${e.blueprint}\0${relation}\0${target}`;
        if (!reverse.has(key)) reverse.set(key, []);
        reverse.get(key)!.push(e);
      }
    }
  }
  for (const list of reverse.values()) list.sort(byIdentifier);
  const get = (blueprint: string) => maps.get(blueprint) ?? new Map<string, E>();
  const [domains, components, resources, apis] = ['Domain', 'Component', 'Resource', 'API'].map(get);
  const none: E[] = [];
  const sources = (blueprint: string, relation: string, target: string) => ({ nodes: reverse.get(`${blueprint}\0${relation}\0${target}`) ?? none });
  /** Targets of a many relation, sorted by identifier like every Lattice connection. */
  const many = (e: E, relation: string, map: Map<string, E>) => {
    const nodes = targets(e, relation).map((id) => map.get(id) ?? null);
    if (nodes.length > 1) nodes.sort(byIdentifier);
    return { nodes };
  };

  const resolvers: Record<string, Record<string, GraphQLFieldResolver<E, unknown, { identifier: string }>>> = {
    Query: { domain: (_root, args) => domains.get(args.identifier) ?? null },
    Domain: { systemsByDomain: (d) => sources('System', 'domain', d.identifier) },
    System: { componentsBySystem: (s) => sources('Component', 'system', s.identifier) },
    Component: {
      type: (c) => COMPONENT_TYPE[c.properties.type as string] ?? null,
      resources: (c) => many(c, 'resources', resources),
      components: (c) => many(c, 'components', components),
      consumesApi: (c) => many(c, 'consumesApi', apis),
    },
    Resource: { type: (r) => RESOURCE_TYPE[r.properties.type as string] ?? null },
    API: { provider: (a) => components.get(targets(a, 'provider')[0]) ?? null },
  };
  const schema = buildSchema(SDL);
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName) as GraphQLObjectType;
    for (const [fieldName, resolve] of Object.entries(fields)) type.getFields()[fieldName].resolve = resolve;
  }
  return schema;
}
