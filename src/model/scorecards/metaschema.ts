/**
 * The meta-schema of Port's scorecard format (JSON Schema, checked with ajv), in the lenient form
 * (unknown keys load: a scorecard exported from Port must load) and the strict form the loader
 * uses to warn about each unknown key. Queries are checked by the rule language
 * (src/model/query/ruleSyntax.ts), not here: its messages say what each operator takes.
 */
import { forbidExtraKeys } from '../files/strictSchema.ts';
import { PORT_READ_ONLY_KEYS } from '../files/portResponse.ts';

const identifier = { type: 'string', pattern: '^[A-Za-z0-9@_.+:\\\\/=-]+$', minLength: 1, maxLength: 100 };

/** Port's scorecard query: `{ combinator, conditions }` (a bare condition loads with a warning, see load.ts). */
const query = { type: 'object' };

const definition = {
  type: 'object',
  required: ['identifier', 'rules'],
  properties: {
    identifier,
    title: { type: 'string' },
    description: { type: 'string' },
    blueprint: identifier,
    filter: query,
    levels: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', required: ['title'], properties: { title: { type: 'string', minLength: 1 }, color: { type: 'string' } } },
    },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        required: ['identifier', 'level', 'query'],
        properties: {
          identifier,
          title: { type: 'string' },
          description: { type: 'string' },
          level: { type: 'string', minLength: 1 },
          query,
          actions: { type: 'array', items: identifier, uniqueItems: true },
        },
      },
    },
    // Keys Port sets itself and Lattice accepts without using.
    id: {},
    ...PORT_READ_ONLY_KEYS,
  },
};

export const scorecardSchema = definition;

/** The same schema with `additionalProperties: false` wherever it lists `properties`. */
export const strictScorecardSchema = forbidExtraKeys(definition);
