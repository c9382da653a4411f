import type { Request as ExpressRequest, RequestHandler, Response } from 'express';
import { OperationTypeNode, type GraphQLError } from 'graphql';
import {
  createHandler,
  parseRequestParams,
  type OperationArgs,
  type Request as GraphqlHttpRequest,
} from 'graphql-http';
import type { GraphqlContext } from '../graphql/context';
import type { GraphqlPipeline, ServedOperations } from '../graphql/pipeline';
import { AppError, errorBody } from '../errors';
import {
  noteFailure,
  noteOperation,
  noteOutcome,
  recordGraphqlOperation,
  type GraphqlOperation,
} from '../observability/graphql-operation';
import { describeGraphqlOperation, inGraphqlOperationSpan, recordGraphqlError } from '../tracing/graphql-span';
import { sendError } from './send-error';

/** What `/graphql` serves. */
const QUERIES_AND_MUTATIONS: ServedOperations = {
  operations: [OperationTypeNode.QUERY, OperationTypeNode.MUTATION],
  elsewhere: '/graphql serves queries and mutations; subscribe through /graphql/stream (Server-Sent Events)',
};

/** graphql-http types the context as a plain record; ours is a typed object built per request. */
type HttpContext = Record<string, unknown>;

/**
 * `/graphql`: GraphQL over HTTP with graphql-http's spec-compliant core (media types, methods,
 * request parameters, status codes) around the request pipeline. The adapter is ours (a few lines)
 * so that a failure inside the handler is logged and answered with a coded JSON error instead of an
 * empty 500.
 */
export function graphqlHandler(pipeline: GraphqlPipeline<GraphqlContext>): RequestHandler {
  // Coded (and masked) by the pipeline; the operation's span notes each code. graphql-http formats
  // every error it answers with here, once, after onOperation.
  const formatError = (error: Readonly<GraphQLError | Error>) => recordGraphqlError(error, pipeline.formatError(error));
  // The request's context is the record of its operation (for the request log and the metrics).
  const handle = createHandler<ExpressRequest, GraphqlOperation, HttpContext>({
    parseRequestParams: async (req) => {
      try {
        return await parseRequestParams(req);
      } catch (error) {
        noteFailure(req.context, error instanceof AppError ? error.code : 'BAD_REQUEST');
        // A body that is not JSON is most often the bare GraphQL document: say what to send instead.
        if (typeof req.body === 'string' && !isJson(req.body))
          throw new AppError(
            'BAD_REQUEST',
            'Unparsable JSON body: send {"query": "{ … }"} as JSON, not the bare GraphQL document',
          );
        throw error;
      }
    },
    // The pipeline parses, validates and builds the context; graphql-http's own steps never run.
    onSubscribe: (req, params) => {
      req.context.name = params.operationName ?? undefined;
      const prepared = pipeline.prepare({ ...params, headers: req.raw.headers }, QUERIES_AND_MUTATIONS);
      if (prepared.operation) noteOperation(req.context, prepared.operation);
      if ('args' in prepared) describeGraphqlOperation(prepared.args.document, prepared.args.operationName);
      if (!('errors' in prepared)) return prepared.args as unknown as OperationArgs<HttpContext>;
      noteOutcome(req.context, prepared.errors);
      return [...prepared.errors];
    },
    execute: pipeline.execute,
    // Formatted here, where the outcome is noted; graphql-http's formatError leaves coded errors as they are.
    onOperation: (req, _args, result) => {
      if (Symbol.asyncIterator in result) return;
      const formatted = pipeline.formatResult(result);
      noteOutcome(req.context, formatted.errors);
      return formatted;
    },
    formatError,
  });
  const serve = async (req: ExpressRequest, res: Response) => {
    const request: GraphqlHttpRequest<ExpressRequest, GraphqlOperation> = {
      url: req.url,
      method: req.method,
      headers: req.headers as Record<string, string>,
      // app.ts reads the body as text (with its size limit) before this handler runs.
      body: typeof req.body === 'string' ? req.body : null,
      raw: req,
      context: recordGraphqlOperation(res),
    };
    try {
      const [body, init] = await handle(request);
      // graphql-http answers some refusals with a status and no body; every error here carries one.
      if (body === null && init.status >= 400) {
        res.set(init.headers);
        if (init.status === 415) {
          noteFailure(request.context, 'UNSUPPORTED_MEDIA_TYPE');
          sendError(
            res,
            'UNSUPPORTED_MEDIA_TYPE',
            'POST /graphql takes content-type application/json with {"query": "{ … }"}',
          );
        } else res.status(init.status).json(errorBody('BAD_REQUEST', init.statusText ?? 'Bad request'));
        return;
      }
      res.writeHead(init.status, init.statusText, init.headers).end(body);
    } catch (error) {
      req.log.error({ err: error }, 'GraphQL request handling failed');
      noteFailure(request.context, 'INTERNAL_SERVER_ERROR');
      sendError(res, 'INTERNAL_SERVER_ERROR', 'Unexpected error');
    }
  };
  // One span per operation, named once the document is parsed; resolvers' queries are its children.
  return (req, res) => inGraphqlOperationSpan(() => serve(req, res));
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
