import type { RequestHandler } from 'express';
import { OperationTypeNode } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/express';
import type { GraphqlContext } from '../graphql/context';
import type { GraphqlPipeline, ServedOperations } from '../graphql/pipeline';
import { sendError } from './send-error';

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
 * mutations are refused here.
 */
export function graphqlStreamHandler(pipeline: GraphqlPipeline<GraphqlContext>): RequestHandler {
  const handle = createHandler<StreamContext>({
    // One event stream per subscription: a plain EventSource can listen without a client library.
    authenticate: () => null,
    onSubscribe: (req, params) => {
      const prepared = pipeline.prepare({ ...params, headers: req.raw.headers }, SUBSCRIPTIONS);
      // graphql-sse takes an object as a result only when it has `data`; onNext formats its errors.
      if ('errors' in prepared) return { data: null, errors: [...prepared.errors] };
      return { ...prepared.args, contextValue: prepared.args.contextValue as unknown as StreamContext };
    },
    execute: pipeline.execute,
    subscribe: pipeline.subscribe,
    onNext: (_context, _req, result) => pipeline.formatResult(result),
  });
  return async (req, res) => {
    try {
      await handle(req, res);
    } catch (error) {
      req.log.error({ err: error }, 'event stream failed');
      if (!res.headersSent) sendError(res, 'INTERNAL_SERVER_ERROR', 'Unexpected error');
      else res.end();
    }
  };
}
