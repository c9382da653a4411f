import { buildSchema, execute, GraphQLError, parse } from 'graphql';
import { AppError } from '../../src/errors';
import { createErrorFormatter } from '../../src/graphql/errors';
import { createLogger } from '../../src/logger';

describe('the error model', () => {
  const format = createErrorFormatter(createLogger('silent'));

  it("keeps an expected error's code, message and details", () => {
    const error = new GraphQLError('wrapped', {
      path: ['timeline'],
      originalError: new AppError('NOT_FOUND', 'no entity has id "x"', { ids: ['x'] }),
    });
    expect(format(error)).toMatchObject({
      message: 'no entity has id "x"',
      path: ['timeline'],
      extensions: { code: 'NOT_FOUND', ids: ['x'] },
    });
  });

  it('masks anything unexpected as INTERNAL_SERVER_ERROR', () => {
    const error = new GraphQLError('wrapped', {
      path: ['node'],
      originalError: new TypeError('cannot read properties of undefined (reading "x")'),
    });
    const formatted = format(error) as GraphQLError;
    expect(formatted.message).toBe('Unexpected error');
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it("codes graphql-http's refusals of the HTTP request", () => {
    expect(format(new Error('Missing query'))).toMatchObject({
      message: 'Missing query',
      extensions: { code: 'BAD_REQUEST' },
    });
    expect(format(new AppError('BAD_REQUEST', 'Unparsable JSON body: send JSON'))).toMatchObject({
      extensions: { code: 'BAD_REQUEST' },
    });
  });

  it('keeps the code an error was given where it arose', () => {
    const parseError = new GraphQLError('Syntax Error: Unexpected <EOF>.', {
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
    expect(format(parseError)).toBe(parseError);
  });

  it("tells graphql-js's checks of a client's argument from those of a resolver's result, by the error objects", async () => {
    const schema = buildSchema('type Query { echo(n: Int!): Int  broken: Int }');
    const result = await execute({
      schema,
      document: parse('query ($n: Int = 1) { echo(n: $n) broken }'),
      variableValues: { n: null },
      rootValue: { echo: ({ n }: { n: number }) => n, broken: () => 'not a number' },
    });
    const byField = Object.fromEntries(
      (result.errors ?? []).map((error) => [error.path?.[0], (format(error) as GraphQLError).extensions.code]),
    );
    expect(byField).toEqual({ echo: 'BAD_USER_INPUT', broken: 'INTERNAL_SERVER_ERROR' });
  });
});
