import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  specifiedRules,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { GraphqlConfig } from '../config';

/** The limits a request is validated against (GRAPHQL_MAX_*, introspection). */
export type DemandLimits = Pick<
  GraphqlConfig,
  'maxDepth' | 'maxAliases' | 'maxDirectives' | 'maxCost' | 'introspection'
>;

/**
 * The rules every document is validated with: the spec's, then those bounding what one request
 * may ask for. One fixed list per process, so a cached validation result stays valid.
 */
export function validationRules(limits: DemandLimits): readonly ValidationRule[] {
  // graphql-armor throws when it propagates; each of its rules reports its own coded validation
  // error instead, so the operation never executes and the client gets a code, not a 500.
  const reject = {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(
          // armor words its refusals as syntax errors; the document parsed, it asks for too much.
          new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          }),
        ),
    ],
  };
  return [
    ...specifiedRules,
    maxDepthRule({ n: limits.maxDepth, ...reject }),
    maxAliasesRule({ n: limits.maxAliases, ...reject }),
    maxDirectivesRule({ n: limits.maxDirectives, ...reject }),
    costLimitRule({ maxCost: limits.maxCost, ...reject }),
    ...(limits.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
}
