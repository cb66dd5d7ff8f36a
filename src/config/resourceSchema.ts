/**
 * The JSON Schema of one `resources[]` entry of a source, in either of its two shapes:
 *
 * - **Port's** (`port-app-config`, what Port's Ocean integrations ship), recognised by its `port` key:
 *
 *       - kind: repository
 *         selector: { query: 'true', includedFiles: [README.md] }   # query: jq; the other keys are the kind's options
 *         port:
 *           itemsToParse: .items                                     # optional: one object per item, as `.item`
 *           entity:
 *             mappings: { identifier: .name, blueprint: '"service"', properties: {...}, relations: {...} }
 *                                                                    # or a list of such mappings
 *
 * - **Lattice's** shorter one: `{ kind, selector: '<expression>', options: {...}, entity: { mappings } }`.
 *
 * `portAppConfigSchema` is a whole `port-app-config.yml` file: its `resources` plus Port's other
 * top-level keys (`deleteDependentEntities`, `createMissingRelatedEntities`, ...), accepted and
 * ignored (Lattice reads live and writes nothing to the upstream or to Port).
 */

const expressions = { type: 'object', additionalProperties: { type: 'string' } };

/** An entity mapping (every value a jq expression); `fields` is the schema of its `properties`, `relations` that of its relations. */
const entityMappings = (fields: object, relations: object = fields) => ({
  type: 'object',
  required: ['identifier', 'blueprint'],
  additionalProperties: false,
  properties: {
    identifier: { type: 'string' },
    blueprint: { type: 'string' },
    title: { type: 'string' },
    icon: { type: 'string' },
    team: { type: 'string' },
    properties: fields,
    relations,
  },
});

/** Lattice's: `properties`/`relations` may also be one expression giving the whole object (manifests). */
const latticeMappings = entityMappings({ anyOf: [{ type: 'string' }, expressions] });

/** Port's "relation by search query": `{ combinator, rules }` with a jq expression at every string (data/mapping.ts). */
const relationQuery = {
  type: 'object',
  required: ['combinator', 'rules'],
  additionalProperties: false,
  properties: {
    combinator: { type: 'string' },
    // A nested group's strings are checked where it compiles (data/mapping.ts).
    rules: { type: 'array', items: { anyOf: [{ type: 'object', required: ['combinator', 'rules'] }, { type: 'object', required: ['operator'], additionalProperties: { type: 'string' } }] } },
  },
};

/** Port's: a relation is an expression or a search query. */
const portMappings = entityMappings(expressions, { type: 'object', additionalProperties: { anyOf: [{ type: 'string' }, relationQuery] } });

const portResource = {
  type: 'object',
  required: ['kind', 'port'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', minLength: 1 },
    selector: { type: 'object', properties: { query: { type: 'string' } } },
    port: {
      type: 'object',
      required: ['entity'],
      additionalProperties: false,
      properties: {
        itemsToParse: { type: 'string' },
        entity: {
          type: 'object',
          required: ['mappings'],
          additionalProperties: false,
          properties: { mappings: { anyOf: [portMappings, { type: 'array', minItems: 1, items: portMappings }] } },
        },
      },
    },
  },
};

const latticeResource = {
  type: 'object',
  required: ['kind', 'entity'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string' },
    selector: { type: 'string' },
    options: { type: 'object' },
    entity: { type: 'object', required: ['mappings'], additionalProperties: false, properties: { mappings: latticeMappings } },
  },
};

/** One resource entry: Port's shape when it has a `port` key, else Lattice's. */
export const resourceSchema = { if: { type: 'object', required: ['port'] }, then: portResource, else: latticeResource };

/** A `port-app-config.yml` file (Port's other top-level keys are allowed and ignored). */
export const portAppConfigSchema = {
  type: 'object',
  required: ['resources'],
  properties: { resources: { type: 'array', items: resourceSchema } },
};
