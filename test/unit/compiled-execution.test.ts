import { execute, parse, type GraphQLError } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { compiledExecution } from '../../src/graphql/compiled-execution';
import { createErrorFormatter } from '../../src/graphql/errors';
import { AppError } from '../../src/errors';
import { createLogger } from '../../src/logger';

const schema = makeExecutableSchema({
  typeDefs: `
    type Query {
      item(id: ID!): Item
      items: [Item!]!
      broken: Int
      refused: Int
    }
    type Item { id: ID! tags: [String!]! count: Int! }
  `,
  resolvers: {
    Query: {
      item: (_root: unknown, { id }: { id: string }) => ({ id, tags: ['a', 'b'], count: 2 }),
      items: () => [1, 2, 3].map((n) => ({ id: `i${n}`, tags: [], count: n })),
      broken: () => 'not a number',
      refused: () => {
        throw new AppError('NOT_FOUND', 'no such thing');
      },
    },
  },
});

const compiled = compiledExecution();
const format = createErrorFormatter(createLogger('silent'));

async function both(query: string, variableValues?: Record<string, unknown>) {
  const document = parse(query);
  const jit = await compiled({ schema, document, variableValues });
  const js = await execute({ schema, document, variableValues });
  const codes = (result: typeof jit) => result.errors?.map((error) => format(error).extensions.code);
  return { jit, js, jitCodes: codes(jit), jsCodes: codes(js) };
}

describe('compiled execution', () => {
  it('answers as graphql-js does', async () => {
    const { jit, js } = await both('{ item(id: "x") { id tags count } items { id count } }');
    expect(jit).toEqual(js);
    expect(jit.data).toEqual({
      item: { id: 'x', tags: ['a', 'b'], count: 2 },
      items: [
        { id: 'i1', count: 1 },
        { id: 'i2', count: 2 },
        { id: 'i3', count: 3 },
      ],
    });
  });

  it('codes errors as graphql-js errors are coded: a resolver’s, a defect, the client’s value', async () => {
    const refused = await both('{ refused }');
    expect(refused.jitCodes).toEqual(['NOT_FOUND']);
    expect(refused.jitCodes).toEqual(refused.jsCodes);
    // A value the resolver produced that the type refuses: a defect, masked.
    const broken = await both('{ broken }');
    expect(broken.jitCodes).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(broken.jitCodes).toEqual(broken.jsCodes);
    // Null reaches a non-null argument through a variable with a default: the client's input.
    const nullArgument = await both('query ($id: ID = "x") { item(id: $id) { id } }', { id: null });
    expect(nullArgument.jitCodes).toEqual(['BAD_USER_INPUT']);
    expect(nullArgument.jitCodes).toEqual(nullArgument.jsCodes);
    // Located as graphql-js locates them, also once formatted (the formatter keeps the nodes).
    for (const { jit, js } of [refused, broken, nullArgument])
      expect(jit.errors?.map((error) => format(error).locations)).toEqual(
        js.errors?.map((error) => format(error).locations),
      );
    expect(format(nullArgument.jit.errors?.[0] as GraphQLError).locations).toEqual([{ line: 1, column: 34 }]);
  });
});
