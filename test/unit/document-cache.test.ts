import { buildSchema as buildSdlSchema, parse, specifiedRules } from 'graphql';
import { DocumentCache } from '../../src/graphql/document-cache';

const schema = buildSdlSchema('type Query { hello(name: String): String }');

describe('DocumentCache', () => {
  it('parses a query text once and gives back the same document', () => {
    const cache = new DocumentCache(10_000);
    let parses = 0;
    const parseCounting = (text: string) => {
      parses += 1;
      return parse(text);
    };
    const first = cache.parse('{ hello }', parseCounting);
    expect(cache.parse('{ hello }', parseCounting)).toBe(first);
    expect(cache.parse('{ hello(name: "x") }', parseCounting)).not.toBe(first);
    expect(parses).toBe(2);
  });

  it('keeps validation results, errors included, per document', () => {
    const cache = new DocumentCache(10_000);
    const valid = cache.parse('{ hello }', parse);
    const invalid = cache.parse('{ nope }', parse);
    expect(cache.validate(schema, valid, specifiedRules)).toEqual([]);
    const errors = cache.validate(schema, invalid, specifiedRules);
    expect(errors.map((error) => error.message)).toEqual(['Cannot query field "nope" on type "Query".']);
    expect(cache.validate(schema, invalid, specifiedRules)).toBe(errors);
  });

  it('does not keep what fails to parse, and stays within its size by evicting the oldest', () => {
    const cache = new DocumentCache(20);
    expect(() => cache.parse('{ hello', parse)).toThrow('Syntax Error');
    const oldest = cache.parse('{ hello }', parse);
    cache.parse('{ hello(name: "a") }', parse);
    expect(cache.parse('{ hello }', parse)).not.toBe(oldest);
  });
});
