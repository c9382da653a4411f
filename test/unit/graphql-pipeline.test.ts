import { buildSchema, OperationTypeNode } from 'graphql';
import {
  createGraphqlPipeline,
  type GraphqlRequest,
  type PreparedOperation,
  type ServedOperations,
} from '../../src/graphql/pipeline';
import { createLogger } from '../../src/logger';

const schema = buildSchema(`
  type Query { hello(name: String): String  node(id: ID!): Node }
  type Node { id: ID!  next: Node }
  type Subscription { ticks: Int }
`);

const QUERIES: ServedOperations = { operations: [OperationTypeNode.QUERY], elsewhere: 'queries only here' };

function pipelineWithContexts() {
  const contexts: GraphqlRequest[] = [];
  const pipeline = createGraphqlPipeline({
    schema,
    limits: { maxTokens: 50, maxDepth: 3, maxAliases: 2, maxDirectives: 2, maxCost: 5000, introspection: true },
    logger: createLogger('silent'),
    context: (request) => {
      contexts.push(request);
      return { request };
    },
  });
  return { pipeline, contexts };
}

const codesOf = (prepared: PreparedOperation<unknown>) =>
  ('errors' in prepared ? prepared.errors : []).map((error) => error.extensions.code);

describe('the GraphQL request pipeline', () => {
  it('prepares an operation the transport serves, with its own context', () => {
    const { pipeline, contexts } = pipelineWithContexts();
    const request = { query: 'query Hi { hello }', operationName: 'Hi', headers: { authorization: 'Bearer x' } };
    const prepared = pipeline.prepare(request, QUERIES);
    expect('args' in prepared && prepared.args).toMatchObject({
      schema,
      operationName: 'Hi',
      contextValue: { request },
    });
    expect(contexts).toEqual([request]);
  });

  it.each<[string, string, string, Record<string, unknown>?]>([
    ['a syntax error', '{ hello', 'GRAPHQL_PARSE_FAILED'],
    ['more tokens than the limit', `{ ${'hello '.repeat(60)}}`, 'GRAPHQL_PARSE_FAILED'],
    ['an unknown field', '{ nope }', 'GRAPHQL_VALIDATION_FAILED'],
    [
      'nesting past the depth limit',
      '{ node(id: "a") { next { next { next { id } } } } }',
      'GRAPHQL_VALIDATION_FAILED',
    ],
    ['aliases past the limit', '{ a: hello b: hello c: hello }', 'GRAPHQL_VALIDATION_FAILED'],
    ['several operations, none named', 'query A { hello } query B { hello }', 'GRAPHQL_VALIDATION_FAILED'],
    ['an operation the transport does not serve', 'subscription { ticks }', 'BAD_REQUEST'],
    ['a variable of the wrong type', 'query ($name: String) { hello(name: $name) }', 'BAD_USER_INPUT', { name: 5 }],
    ['a required variable missing', 'query ($id: ID!) { node(id: $id) { id } }', 'BAD_USER_INPUT'],
  ])('refuses %s, coded by the step that finds it, and builds no context', (_name, query, code, variables = {}) => {
    const { pipeline, contexts } = pipelineWithContexts();
    const prepared = pipeline.prepare({ query, variables, headers: {} }, QUERIES);
    expect(codesOf(prepared)).toEqual([code]);
    expect(contexts).toEqual([]);
  });

  it('names the missing operation, and says where the transport sends other kinds', () => {
    const { pipeline } = pipelineWithContexts();
    const unknown = pipeline.prepare({ query: 'query A { hello }', operationName: 'B', headers: {} }, QUERIES);
    expect('errors' in unknown && unknown.errors[0]?.message).toContain('"B"');
    const subscription = pipeline.prepare({ query: 'subscription { ticks }', headers: {} }, QUERIES);
    expect('errors' in subscription && subscription.errors[0]?.message).toBe('queries only here');
  });

  it('parses and validates a query text once', () => {
    const { pipeline } = pipelineWithContexts();
    const first = pipeline.prepare({ query: '{ hello }', headers: {} }, QUERIES);
    const second = pipeline.prepare({ query: '{ hello }', headers: {} }, QUERIES);
    expect('args' in first && 'args' in second && second.args.document).toBe('args' in first && first.args.document);
  });
});
