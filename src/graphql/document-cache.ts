import { LRUCache } from 'lru-cache';
import { validate, type DocumentNode, type GraphQLError, type GraphQLSchema, type ValidationRule } from 'graphql';

/**
 * Parsed and validated documents by query text. Clients send the same few operations over and
 * over; parsing and validating the timeline page with the demand-limit rules costs about 0.5 ms,
 * so a repeated operation skips both. Bounded by total query length, so hostile unique queries
 * only evict each other. Only successful parses are kept; validation results (errors included)
 * depend on the document alone because the schema and rules are fixed per handler.
 */
export class DocumentCache {
  private readonly parsed: LRUCache<string, DocumentNode>;
  private readonly validated = new WeakMap<DocumentNode, readonly GraphQLError[]>();

  constructor(maxQueryChars: number) {
    this.parsed = new LRUCache({
      maxSize: maxQueryChars,
      sizeCalculation: (_document, source) => Math.max(1, source.length),
    });
  }

  parse(source: string, parseDocument: (source: string) => DocumentNode): DocumentNode {
    const cached = this.parsed.get(source);
    if (cached) return cached;
    const document = parseDocument(source);
    this.parsed.set(source, document);
    return document;
  }

  validate(schema: GraphQLSchema, document: DocumentNode, rules: readonly ValidationRule[]): readonly GraphQLError[] {
    const cached = this.validated.get(document);
    if (cached) return cached;
    const errors = validate(schema, document, rules);
    this.validated.set(document, errors);
    return errors;
  }
}
