/**
 * The Timer type (Port's `timer` format): the stored value is an ISO-8601 date-time, when the
 * timer expires; `isExpired` and `remainingSeconds` are read against the clock when the request
 * is answered. A property, mirror or calculation of format `timer` all resolve to the stored
 * string, which these resolvers take as their parent.
 */
import type { FieldResolver, TypeResolvers } from './types.ts';

type TimerField = FieldResolver<Readonly<Record<string, never>>, string>;

const remainingMs = (expiresAt: string): number => Date.parse(expiresAt) - Date.now();

const fields: Record<'expiresAt' | 'isExpired' | 'remainingSeconds', TimerField> = {
  expiresAt: (s) => s,
  isExpired: (s) => remainingMs(s) <= 0,
  remainingSeconds: (s) => Math.max(0, remainingMs(s) / 1000),
};

export const timerResolvers: TypeResolvers = fields;
