import {
  execute,
  getLocation,
  GraphQLError,
  isValueNode,
  visit,
  type ASTNode,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type SourceLocation,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/**
 * Execution of a document compiled once into a function (graphql-jit, as Mercurius uses it), for
 * the documents clients send over and over: graphql-js walks the document and the schema on every
 * request, which the profile of cheap requests showed. A document graphql-jit cannot compile runs
 * on graphql-js. Compiled functions live as long as their parsed document (the document cache
 * bounds how many there are).
 */
export function compiledExecution(): typeof execute {
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();

  const compiledFor = (args: ExecutionArgs): CompiledQuery | null => {
    let byOperation = compiled.get(args.document);
    if (!byOperation) {
      byOperation = new Map();
      compiled.set(args.document, byOperation);
    }
    const key = args.operationName ?? '';
    let query = byOperation.get(key);
    if (query === undefined) {
      const result = compileQuery(args.schema, args.document, args.operationName ?? undefined, {
        // Our errors are coded and masked by the pipeline; their stacks are never sent.
        disablingCapturingStackErrors: true,
      });
      query = isCompiledQuery(result) ? result : null;
      byOperation.set(key, query);
    }
    return query;
  };

  return (args: ExecutionArgs): Promise<ExecutionResult> | ExecutionResult => {
    const query = compiledFor(args);
    if (query === null) return execute(args);
    const result = query.query(args.rootValue, args.contextValue, args.variableValues ?? {});
    const convert = (done: ExecutionResult) => withGraphqlJsErrors(done, args.document);
    return result instanceof Promise ? result.then(convert) : convert(result);
  };
}

/**
 * graphql-jit's errors as graphql-js makes them, so the error formatter sees one kind: extensions
 * always present, located at their node in the document (graphql-jit gives only line and column),
 * and an error of execution's own checks (no resolver threw it) carried as graphql-js carries it:
 * at the value it refused when that is a value written in the document (the client's input), else
 * a plain error (a value a resolver produced: a defect).
 */
function withGraphqlJsErrors(result: ExecutionResult, document: DocumentNode): ExecutionResult {
  if (!result.errors) return result;
  return { ...result, errors: result.errors.map((error) => asGraphqlJsError(error, document)) };
}

function asGraphqlJsError(error: GraphQLError, document: DocumentNode): GraphQLError {
  const at = error.locations?.[0];
  const node = at && nodeAt(document, at);
  const refusedValue = node && isValueNode(node) ? new GraphQLError(error.message, { nodes: [node] }) : undefined;
  return new GraphQLError(error.message, {
    nodes: node,
    path: error.path,
    originalError: error.originalError ?? refusedValue ?? new Error(error.message),
    extensions: error.extensions ?? undefined,
  });
}

/** The outermost node of the document that starts at a location (a field, or a value). */
function nodeAt(document: DocumentNode, at: SourceLocation): ASTNode | undefined {
  const source = document.loc?.source;
  if (!source) return undefined;
  let found: ASTNode | undefined;
  visit(document, {
    enter(node) {
      if (found || !node.loc) return;
      const { line, column } = getLocation(source, node.loc.start);
      if (line === at.line && column === at.column) found = node;
    },
  });
  return found;
}
