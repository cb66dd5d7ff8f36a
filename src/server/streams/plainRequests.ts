/**
 * A subscription sent as a plain POST or GET (answered once, as JSON) cannot stream: Apollo would
 * run its resolvers without the event that drives them. This Apollo plugin refuses it before
 * anything executes, with BAD_REQUEST (HTTP 400) and a message naming the three ways that stream
 * on the same path: graphql-ws, GraphQL over SSE (`accept: text/event-stream`) and multipart HTTP
 * (`accept: multipart/mixed;subscriptionSpec=1.0`).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCodes } from '../../errors/index.ts';

export function plainSubscriptionRefusal(path: string): ApolloServerPlugin {
  const message =
    `a subscription streams its events: send it over graphql-ws (a WebSocket to ${path}, subprotocol graphql-transport-ws), ` +
    `GraphQL over SSE (${path} with accept: text/event-stream) or multipart HTTP (POST ${path} with accept: multipart/mixed;subscriptionSpec=1.0); ` +
    'a plain POST or GET answers once';
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === 'subscription') throw new GraphQLError(message, { extensions: { code: ErrorCodes.BAD_REQUEST, http: { status: 400 } } });
        },
      };
    },
  };
}
