import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
} from 'graphql';
import { buildSchema } from '../../src/graphql/schema';
import { startSeededTestServer, type TestServer } from '../helpers/server';

/** Codes a random argument may earn; anything else (INTERNAL_SERVER_ERROR above all) is a defect. */
const EXPECTED_CODES = ['BAD_USER_INPUT', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED', 'QUERY_TIMEOUT'];

const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '*',
    '"',
    '\\',
    '\u0000',
    'kim-jong-un',
    'russia',
    '2024',
    '2024-07',
    '2024-07-18',
    '2024-02-30',
    '0000',
    "x'}) MATCH (n) DETACH DELETE n //",
    'AND OR NOT',
    'title:x~2',
    '😀',
    'dGwxOjIwMjQtMDctMTh8MHx4',
    'a'.repeat(500),
  ),
);
const nastyInt = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  fc.integer({ min: -5, max: 120 }),
  fc.constantFrom(0, 1, 6, 7, 100, 101, 500, 501),
);

/** An arbitrary JSON value for a GraphQL input type: mostly well-typed, sometimes of the wrong type. */
function valueFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueFor(type.ofType, depth);
  const wrongType = fc.oneof(fc.constant(null), fc.boolean(), fc.double(), fc.constant({}));
  if (isListType(type))
    return fc.oneof(
      { weight: 5, arbitrary: fc.array(valueFor(type.ofType, depth + 1), { maxLength: 4 }) },
      { weight: 1, arbitrary: wrongType },
    );
  const named = getNamedType(type);
  if (isEnumType(named))
    return fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...named.getValues().map((v) => v.name)) },
      { weight: 1, arbitrary: nastyString },
    );
  if (isInputObjectType(named)) {
    const fields = Object.values(named.getFields());
    return fc.record(Object.fromEntries(fields.map((field) => [field.name, valueFor(field.type, depth + 1)])), {
      requiredKeys: [],
    });
  }
  if (isScalarType(named) && named.name === 'Int')
    return fc.oneof({ weight: 6, arbitrary: nastyInt }, { weight: 1, arbitrary: wrongType });
  if (isScalarType(named) && named.name === 'Float') return fc.double();
  if (isScalarType(named) && named.name === 'Boolean') return fc.boolean();
  return fc.oneof(
    { weight: 8, arbitrary: nastyString },
    { weight: 1, arbitrary: nastyInt },
    { weight: 1, arbitrary: wrongType },
  );
}

describe('property: random arguments to every query never cause a 5xx', () => {
  let server: TestServer;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    server = await startSeededTestServer();
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await server?.close();
  });

  const queryFields = Object.values(buildSchema().getQueryType()?.getFields() ?? {});

  it.each(queryFields.map((field) => [field.name, field.args] as const))(
    'Query.%s',
    async (name, args: readonly GraphQLArgument[]) => {
      const declarations = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
      const call = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
      const query = `query${declarations ? `(${declarations})` : ''} { result: ${name}${call ? `(${call})` : ''} { __typename } }`;
      const variables = fc.record(Object.fromEntries(args.map((arg) => [arg.name, valueFor(arg.type)])), {
        requiredKeys: [],
      });

      await fc.assert(
        fc.asyncProperty(variables, async (vars) => {
          const response = await fetch(`${server.base}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
            body: JSON.stringify({ query, variables: vars }),
          });
          const text = await response.text();
          expect(response.status).toBeLessThan(500);
          const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
          for (const error of body.errors ?? []) expect(EXPECTED_CODES).toContain(error.extensions?.code);
        }),
        { numRuns: 60 },
      );
      expect(unhandled).toEqual([]);
    },
  );
});
