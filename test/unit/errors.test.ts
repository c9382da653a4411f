import { GraphQLError } from 'graphql';
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

  it('codes the request errors of graphql-http and of execution', () => {
    expect(format(new Error('Unparsable JSON body'))).toMatchObject({
      message: expect.stringContaining('send {"query": "{ … }"} as JSON'),
      extensions: { code: 'BAD_REQUEST' },
    });
    expect(
      format(new GraphQLError('Variable "$n" got invalid value "x"; Int cannot represent non-integer value: "x"')),
    ).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(
      format(new GraphQLError('Syntax Error: Unexpected <EOF>.', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })),
    ).toMatchObject({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
  });
});
