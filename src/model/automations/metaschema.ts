/**
 * The meta-schema of Port's automation format, checked with ajv. The invocation method is the
 * actions' own (src/model/actions/metaschema.ts), so an automation invokes exactly what an action
 * can. Lenient and strict variants as for actions: unknown keys load, with a warning each.
 */
import { forbidExtraKeys } from '../files/strictSchema.ts';
import { DURATION_PATTERN } from '../duration.ts';
import { invocationSchema } from '../actions/metaschema.ts';
import { PORT_READ_ONLY_KEYS } from '../files/portResponse.ts';
import { AUTOMATION_EVENTS } from './model.ts';

const identifier = { type: 'string', pattern: '^[A-Za-z0-9@_.+:\\\\/=-]+$', minLength: 1, maxLength: 100 };

const eventSchema = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { enum: [...AUTOMATION_EVENTS] },
    blueprintIdentifier: identifier,
    propertyIdentifier: identifier,
    actionIdentifier: identifier,
    before: { type: 'string', pattern: DURATION_PATTERN },
  },
  allOf: [
    { if: { properties: { type: { enum: ['ENTITY_CREATED', 'ENTITY_UPDATED', 'ENTITY_DELETED', 'ANY_ENTITY_CHANGE'] } } }, then: { required: ['blueprintIdentifier'] } },
    { if: { properties: { type: { const: 'TIMER_PROPERTY_EXPIRED' } } }, then: { required: ['blueprintIdentifier', 'propertyIdentifier'] } },
    { if: { properties: { type: { const: 'TIMER_PROPERTY_EXPIRING' } } }, then: { required: ['blueprintIdentifier', 'propertyIdentifier', 'before'] } },
    { if: { properties: { type: { enum: ['RUN_CREATED', 'RUN_UPDATED', 'ANY_RUN_CHANGE'] } } }, then: { required: ['actionIdentifier'] } },
  ],
};

const definition = {
  type: 'object',
  required: ['identifier', 'trigger', 'invocationMethod'],
  properties: {
    identifier,
    title: { type: 'string' },
    icon: { type: 'string' },
    description: { type: 'string' },
    trigger: {
      type: 'object',
      required: ['type', 'event'],
      properties: {
        type: { const: 'automation' },
        event: eventSchema,
        condition: {
          type: 'object',
          required: ['expressions'],
          properties: {
            type: { const: 'JQ' },
            expressions: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
            combinator: { enum: ['and', 'or'] },
          },
        },
      },
    },
    invocationMethod: invocationSchema,
    publish: { type: 'boolean' },
    ...PORT_READ_ONLY_KEYS,
  },
};

export const automationSchema = definition;
export const strictAutomationSchema = forbidExtraKeys(definition);
