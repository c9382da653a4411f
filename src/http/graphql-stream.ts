import type { Request as ExpressRequest, RequestHandler } from 'express';
import { OperationTypeNode } from 'graphql';
import { createHandler } from 'graphql-sse';
import type { GraphqlContext } from '../graphql/context';
import type { GraphqlPipeline, ServedOperations } from '../graphql/pipeline';
import {
  graphqlOperationOf,
  noteFailure,
  noteOperation,
  noteOutcome,
  recordGraphqlOperation,
} from '../observability/graphql-operation';
import { sendError } from './send-error';
import type { OpenStreams } from './open-streams';
import { answerWithSse, type SseContext } from './sse-response';

/** What `/graphql/stream` serves: a GET that an EventSource sends must never write. */
const SUBSCRIPTIONS: ServedOperations = {
  operations: [OperationTypeNode.SUBSCRIPTION],
  elsewhere: '/graphql/stream serves subscriptions; send queries and mutations to /graphql',
};

/** graphql-sse types the context as a plain record; ours is a typed object built per subscription. */
type StreamContext = Record<string, unknown>;

/**
 * `/graphql/stream`: subscriptions over Server-Sent Events (graphql-sse), through the same request
 * pipeline as /graphql (parse and demand limits, context, coded and masked errors); queries and
 * mutations are refused here, and so is a client that already holds its share of open streams.
 */
export function graphqlStreamHandler(pipeline: GraphqlPipeline<GraphqlContext>, streams: OpenStreams): RequestHandler {
  const handle = createHandler<ExpressRequest, SseContext, StreamContext>({
    // One event stream per subscription: a plain EventSource can listen without a client library.
    authenticate: () => null,
    onSubscribe: (req, params) => {
      const operation = graphqlOperationOf(req.context.res);
      if (operation) operation.name = params.operationName ?? undefined;
      const prepared = pipeline.prepare({ ...params, headers: req.raw.headers }, SUBSCRIPTIONS);
      if (operation && prepared.operation) noteOperation(operation, prepared.operation);
      // graphql-sse takes an object as a result only when it has `data`; onNext formats its errors.
      if ('errors' in prepared) return { data: null, errors: [...prepared.errors] };
      return { ...prepared.args, contextValue: prepared.args.contextValue as unknown as StreamContext };
    },
    execute: pipeline.execute,
    subscribe: pipeline.subscribe,
    // The outcome is the first error the stream delivered, else OK (the measures and the request log read it).
    onNext: (_context, req, result) => {
      const formatted = pipeline.formatResult(result);
      const operation = graphqlOperationOf(req.context.res);
      if (operation) noteOutcome(operation, formatted.errors);
      return formatted;
    },
  });
  return async (req, res) => {
    const operation = recordGraphqlOperation(res);
    const release = streams.open(req.ip ?? 'unknown');
    if (!release) {
      noteFailure(operation, 'RATE_LIMITED');
      sendError(res, 'RATE_LIMITED', `Too many open event streams from this client: at most ${streams.perClient}`);
      return;
    }
    res.once('close', release);
    try {
      await answerWithSse(handle, req, res);
    } catch (error) {
      req.log.error({ err: error }, 'event stream failed');
      noteFailure(operation, 'INTERNAL_SERVER_ERROR');
      if (!res.headersSent) sendError(res, 'INTERNAL_SERVER_ERROR', 'Unexpected error');
      else res.end();
    }
  };
}
