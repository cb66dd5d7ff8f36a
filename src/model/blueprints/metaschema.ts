/**
 * The meta-schema of Port's blueprint format (JSON Schema, checked with ajv).
 *
 * Two variants come from one definition: `blueprintSchema` accepts unknown keys, and
 * `strictBlueprintSchema` forbids them, so the loader can name each unknown key: a load error by
 * default (a misspelt `tpye` must not load silently), a warning with `strict: false` in
 * lattice.yaml. Keys Port's own API accepts are listed here, so real Port blueprints load.
 */

import { forbidExtraKeys } from '../files/strictSchema.ts';
import { PROPERTY_FORMATS, SPECS } from './formats.ts';
import { permissionsSchema } from './permissions.ts';

const identifier = { type: 'string', pattern: '^[A-Za-z0-9@_.+:\\\\/=-]+$', minLength: 1, maxLength: 100 };
const scalarTypes = ['string', 'number', 'boolean', 'object'];

// An object's own JSON Schema (`properties`, `required`…) is the user's: no strictness below it.
const objectShape = {
  properties: { type: 'object', additionalProperties: { type: 'object' } },
  required: { type: 'array', items: { type: 'string' } },
  additionalProperties: {},
};

const itemsSchema = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { enum: scalarTypes },
    format: { enum: PROPERTY_FORMATS },
    blueprint: identifier,
    enum: { type: 'array', minItems: 1 },
    enumColors: { type: 'object', additionalProperties: { type: 'string' } },
    title: { type: 'string' },
    description: { type: 'string' },
    pattern: { type: 'string' },
    minLength: { type: 'integer', minimum: 0 },
    maxLength: { type: 'integer', minimum: 0 },
    minimum: { type: 'number' },
    maximum: { type: 'number' },
    ...objectShape,
  },
};

const propertySchema = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { enum: [...scalarTypes, 'array'] },
    title: { type: 'string' },
    description: { type: 'string' },
    icon: { type: 'string' },
    format: { enum: PROPERTY_FORMATS },
    // format "entity": the blueprint its values point at.
    blueprint: identifier,
    enum: { type: 'array', minItems: 1 },
    enumColors: { type: 'object', additionalProperties: { type: 'string' } },
    default: {},
    items: itemsSchema,
    spec: { enum: SPECS },
    specAuthentication: { type: 'object' },
    // How Port's UI shows a date-time ("relative"…): accepted, not used.
    dateFormat: { type: 'string' },
    pattern: { type: 'string' },
    minLength: { type: 'integer', minimum: 0 },
    maxLength: { type: 'integer', minimum: 0 },
    minimum: { type: 'number' },
    maximum: { type: 'number' },
    minItems: { type: 'integer', minimum: 0 },
    maxItems: { type: 'integer', minimum: 0 },
    ...objectShape,
  },
};

/** Port's API requires `many` (its Backstage integration's blueprints, which omit it, are refused by Port). */
const relationSchema = {
  type: 'object',
  required: ['target', 'many'],
  properties: {
    title: { type: 'string' },
    description: { type: 'string' },
    target: identifier,
    required: { type: 'boolean' },
    many: { type: 'boolean' },
    inverse: { type: 'string', pattern: '^[_A-Za-z][_0-9A-Za-z]*$' },
  },
};

const mirrorSchema = {
  type: 'object',
  required: ['path'],
  properties: {
    title: { type: 'string' },
    path: { type: 'string', pattern: '^[^.]+(\\.[^.]+)+$' },
  },
};

const calculationSchema = {
  type: 'object',
  required: ['calculation', 'type'],
  properties: {
    title: { type: 'string' },
    description: { type: 'string' },
    icon: { type: 'string' },
    calculation: { type: 'string', minLength: 1 },
    type: { enum: [...scalarTypes, 'array'] },
    format: { enum: PROPERTY_FORMATS },
    colorized: { type: 'boolean' },
    colors: { type: 'object' },
  },
};

const aggregationSchema = {
  type: 'object',
  required: ['target', 'calculationSpec'],
  properties: {
    title: { type: 'string' },
    description: { type: 'string' },
    icon: { type: 'string' },
    type: { const: 'number' },
    target: identifier,
    calculationSpec: {
      type: 'object',
      required: ['calculationBy', 'func'],
      properties: {
        calculationBy: { enum: ['entities', 'property'] },
        func: { enum: ['count', 'sum', 'min', 'max', 'average', 'median'] },
        property: { type: 'string' },
        averageOf: { type: 'string' },
        measureTimeBy: { type: 'string' },
      },
      if: { properties: { calculationBy: { const: 'property' } } },
      then: { required: ['property'], properties: { func: { enum: ['sum', 'min', 'max', 'average', 'median'] } } },
      else: { properties: { func: { const: 'count' } } },
    },
    query: { type: 'object' },
    pathFilter: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path'],
        properties: { path: { type: 'array', items: { type: 'string' }, minItems: 1 }, fromBlueprint: { type: 'string' } },
      },
    },
  },
};

const definition = {
  type: 'object',
  required: ['identifier', 'schema'],
  properties: {
    identifier,
    title: { type: 'string' },
    icon: { type: 'string' },
    description: { type: 'string' },
    schema: {
      type: 'object',
      required: ['properties'],
      properties: {
        properties: { type: 'object', propertyNames: identifier, additionalProperties: propertySchema },
        required: { type: 'array', items: { type: 'string' }, uniqueItems: true },
      },
    },
    relations: { type: 'object', propertyNames: identifier, additionalProperties: relationSchema },
    mirrorProperties: { type: 'object', propertyNames: identifier, additionalProperties: mirrorSchema },
    calculationProperties: { type: 'object', propertyNames: identifier, additionalProperties: calculationSchema },
    aggregationProperties: { type: 'object', propertyNames: identifier, additionalProperties: aggregationSchema },
    // Lattice: Port's blueprint permissions (catalog writes), kept in the blueprint file.
    permissions: permissionsSchema,
    // Keys Port has (or had) that Lattice accepts and does not use.
    formulaProperties: { type: 'object' },
    changelogDestination: { type: 'object' },
    teamInheritance: { type: 'object' },
    ownership: { type: 'object' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    createdBy: { type: 'string' },
    updatedBy: { type: 'string' },
  },
};

export const blueprintSchema = definition;

/** The same schema with `additionalProperties: false` wherever it lists `properties`. */
export const strictBlueprintSchema = forbidExtraKeys(definition);
