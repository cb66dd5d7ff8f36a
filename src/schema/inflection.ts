/**
 * Inflection: THE place where GraphQL names are made (house rule 1).
 *
 * Every generated name comes from one of these small pure functions, modelled on PostGraphile's
 * inflectors. They are part of the public API: a change here is a breaking change for clients
 * and shows up as a diff of the golden SDL (schema/generated/schema.graphql).
 *
 * Overrides: `createInflection({ typeName: (previous) => (id) => … })` replaces an inflector; the
 * replacement receives the previous one so it can delegate to it.
 */
import pluralize from 'pluralize';

/** Splits an identifier into words at non-alphanumerics and at case changes ("APIGateway" → API, Gateway). */
export function words(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

const upperFirst = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** "cloud-resource" → "CloudResource", "API" → "API", "on_call" → "OnCall". */
export function pascalCase(identifier: string): string {
  return safeName(words(identifier).map(upperFirst).join(''));
}

/** "on_call" → "onCall", "API" → "api", "CloudResource" → "cloudResource", "consumesApi" → "consumesApi". */
export function camelCase(identifier: string): string {
  const [first = '', ...rest] = words(identifier);
  return safeName(first.toLowerCase() + rest.map(upperFirst).join(''));
}

/** "Open API" → "OPEN_API", "kafka-topic" → "KAFKA_TOPIC", "s3-bucket" → "S3_BUCKET". */
export function constantCase(value: string): string {
  return safeName(words(value).map((w) => w.toUpperCase()).join('_'));
}

/** GraphQL names cannot start with a digit or be empty: prefix an underscore. */
function safeName(name: string): string {
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}

export interface Inflection {
  /** Blueprint identifier → object type name. */
  typeName(blueprint: string): string;
  /** Blueprint identifier → root field for one entity ("component", "api"). */
  singleField(blueprint: string): string;
  /** Blueprint identifier → root field for the connection ("components", "apis"). */
  allField(blueprint: string): string;
  /** Property / relation / mirror / calculation / aggregation identifier → field name. */
  fieldName(identifier: string): string;
  /** A field whose name is a meta field's or another section's → its section's name ("team", "relation" → "teamRelation"). */
  sectionFieldName(fieldName: string, section: string): string;
  /** Reverse relation on the target type: `<plural source>By<Relation>` ("componentsBySystem"). */
  reverseRelationField(source: string, relation: string): string;
  enumTypeName(typeName: string, fieldName: string): string;
  /** An enum value as written in the blueprint → a GraphQL-safe enum value name. */
  enumValueName(value: string | number | boolean | null): string;
  connectionType(typeName: string): string;
  edgeType(typeName: string): string;
  filterType(typeName: string): string;
  orderByType(typeName: string): string;
  orderByValue(fieldName: string, direction: 'ASC' | 'DESC'): string;
  /** Filter input for a scalar or enum type ("StringFilter", "ComponentTypeFilter"). */
  scalarFilterType(scalarOrEnum: string): string;
  listFilterType(scalarOrEnum: string): string;
  /** An action's typed mutation ("scaffold_microservice" → "scaffoldMicroservice"). */
  actionMutation(action: string): string;
  /** An action's input type ("scaffold_microservice" → "ScaffoldMicroserviceInput"). */
  actionInputType(action: string): string;
  /** An enum of an action input ("scaffold_microservice", "language" → "ScaffoldMicroserviceLanguage"). */
  actionInputEnum(action: string, input: string): string;
  /** A field joining an upstream's own type onto entities ("github", "Repository" → "githubRepository"). */
  joinField(source: string, upstreamType: string): string;
  /** A typed write mutation of a type ("create", "Component" → "createComponent"). */
  writeMutation(verb: WriteVerb, typeName: string): string;
  /** The input of a type's create mutation ("Component" → "CreateComponentInput"). */
  createInputType(typeName: string): string;
  /** The input of a type's update mutation ("Component" → "ComponentPatch"). */
  patchType(typeName: string): string;
  /** What a typed write mutation returns ("create", "Component" → "CreateComponentPayload"). */
  payloadType(verb: WriteVerb, typeName: string): string;
}

export type WriteVerb = 'create' | 'update' | 'delete';

export const baseInflection: Inflection = {
  typeName: (blueprint) => pascalCase(blueprint),
  singleField: (blueprint) => camelCase(blueprint),
  allField(blueprint) {
    const single = camelCase(blueprint);
    const plural = pluralize.plural(single);
    return plural === single ? `${single}List` : plural;
  },
  fieldName: (identifier) => camelCase(identifier),
  sectionFieldName: (fieldName, section) => `${fieldName}${upperFirst(section)}`,
  reverseRelationField: (source, relation) => `${pluralize.plural(camelCase(source))}By${pascalCase(relation)}`,
  enumTypeName: (typeName, fieldName) => `${typeName}${upperFirst(fieldName)}`,
  enumValueName: (value) => constantCase(String(value)),
  connectionType: (typeName) => `${typeName}Connection`,
  edgeType: (typeName) => `${typeName}Edge`,
  filterType: (typeName) => `${typeName}Filter`,
  orderByType: (typeName) => `${typeName}OrderBy`,
  orderByValue: (fieldName, direction) => `${constantCase(fieldName)}_${direction}`,
  scalarFilterType: (name) => `${name}Filter`,
  listFilterType: (name) => `${name}ListFilter`,
  actionMutation: (action) => camelCase(action),
  actionInputType: (action) => `${pascalCase(action)}Input`,
  actionInputEnum: (action, input) => `${pascalCase(action)}${pascalCase(input)}`,
  joinField: (source, upstreamType) => `${camelCase(source)}${pascalCase(upstreamType)}`,
  writeMutation: (verb, typeName) => `${verb}${typeName}`,
  createInputType: (typeName) => `Create${typeName}Input`,
  patchType: (typeName) => `${typeName}Patch`,
  payloadType: (verb, typeName) => `${upperFirst(verb)}${typeName}Payload`,
};

export type InflectionOverrides = { [K in keyof Inflection]?: (previous: Inflection[K]) => Inflection[K] };

/** The base inflection with some inflectors replaced; each replacement gets the one it replaces. */
export function createInflection(overrides: InflectionOverrides = {}): Inflection {
  const out: Record<string, unknown> = { ...baseInflection };
  for (const [key, replace] of Object.entries(overrides)) {
    const previous = out[key];
    out[key] = (replace as (p: unknown) => unknown)(previous);
  }
  return out as unknown as Inflection;
}
