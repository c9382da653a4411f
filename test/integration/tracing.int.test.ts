import { readFileSync } from 'node:fs';
import * as nodeHttp from 'node:http';
import path from 'node:path';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import express from 'express';
import { inSpan } from '../../src/tracing/spans';
import { startTracing, type Tracing } from '../../src/tracing/tracing';
import { eventually } from '../helpers/eventually';
import { startSeededTestServer, type TestServer } from '../helpers/server';

// The SDK as src/main.ts starts it, its spans kept in memory.
const exporter = new InMemorySpanExporter();
const tracing: Tracing = startTracing(new SimpleSpanProcessor(exporter), 'event-timeline-graph');
// Outside jest the instrumentations patch http and express as they load; jest's module registry
// loads them without the hook they listen to, so the patches are applied here, before the app is
// built (tracing-process.int.test.ts checks the real start, on the real process).
const loaded: Record<string, unknown> = { http: nodeHttp, express };
for (const instrumentation of tracing.instrumentations)
  for (const definition of instrumentation.getModuleDefinitions())
    if (definition.name in loaded) definition.patch?.(loaded[definition.name]);

const KEY = 'trace-key-0123456789abcdef0123456789';
const FIXTURES = path.resolve(__dirname, '../fixtures');
const BRIEFING = readFileSync(path.join(FIXTURES, 'briefing-report.yaml'), 'utf8');
const BRIEFING_SOURCE = 'test-briefing-report';
/** A value sent only as a GraphQL variable or a query parameter: no span may carry it. */
const SECRET_PERIOD_END = '2024-12-31';

const TIMELINE = `query Timeline($filter: TimelineFilter) {
  timeline(filter: $filter, first: 5) { totalCount nodes { id title place { id } participants { entity { id } } } }
}`;

let server: TestServer;

beforeAll(async () => {
  server = await startSeededTestServer({ INGEST_API_KEYS: `tracing:${KEY}` });
});

afterAll(async () => {
  await fetch(`${server.base}/bundles/${BRIEFING_SOURCE}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${KEY}` },
  });
  await server?.close();
  for (const instrumentation of tracing.instrumentations)
    for (const definition of instrumentation.getModuleDefinitions())
      if (definition.name in loaded) definition.unpatch?.(loaded[definition.name]);
  await tracing.shutdown();
});

beforeEach(() => exporter.reset());

const spans = () => exporter.getFinishedSpans();
const childrenOf = (parent: ReadableSpan) =>
  spans().filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);
/** The span and its ancestors up to the trace's root. */
function ancestry(span: ReadableSpan): ReadableSpan[] {
  const parent = spans().find((other) => other.spanContext().spanId === span.parentSpanContext?.spanId);
  return parent ? [span, ...ancestry(parent)] : [span];
}
/** The one span under `root` named `name`, reached through Express's route spans only. */
function spanUnder(root: ReadableSpan, name: string): ReadableSpan {
  const matches = spans().filter((span) => span.name === name && ancestry(span).includes(root));
  expect(matches).toHaveLength(1);
  const between = ancestry(matches[0] as ReadableSpan).slice(1, -1);
  expect(between.map((span) => span.attributes['express.type'])).toEqual(between.map(() => 'request_handler'));
  return matches[0] as ReadableSpan;
}
const cypherSpans = (list: readonly ReadableSpan[]) => list.filter((span) => span.attributes['db.system.name']);

/** The finished HTTP server span of a request to `path`, once the response has ended. */
async function serverSpan(method: string, urlPath: string): Promise<ReadableSpan> {
  const find = () =>
    spans().find(
      (span) =>
        span.kind === SpanKind.SERVER &&
        span.attributes['http.method'] === method &&
        String(span.attributes['http.target']).startsWith(urlPath),
    );
  await eventually(async () => find() !== undefined, 10_000, `the ${method} ${urlPath} span`);
  return find() as ReadableSpan;
}

/** Every attribute and event attribute of the spans, as one text to search. */
const recorded = (list: readonly ReadableSpan[]) =>
  JSON.stringify(list.map((span) => [span.name, span.attributes, span.events.map((event) => event.attributes)]));

describe('tracing a request', () => {
  it('gives a timeline request one trace: HTTP server span → Express route → query Timeline → a span per Cypher query', async () => {
    const filter = { entityIds: ['russia'], from: '2024-01-01', to: SECRET_PERIOD_END };
    const { status, body } = await server.graphql(TIMELINE, { filter });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.timeline.nodes.length).toBeGreaterThan(0);

    const http = await serverSpan('POST', '/graphql');
    expect(http.name).toBe('POST /graphql'); // the route, from the Express instrumentation
    const operation = spanUnder(http, 'query Timeline');
    expect(operation.attributes).toMatchObject({
      'graphql.operation.name': 'Timeline',
      'graphql.operation.type': 'query',
    });
    expect(operation.status.code).not.toBe(SpanStatusCode.ERROR);

    const queries = childrenOf(operation);
    expect(queries.length).toBeGreaterThanOrEqual(2); // the page and its count, then the events' details
    expect(cypherSpans(queries)).toEqual(queries);
    const purposes = new Set(queries.map((span) => span.attributes['app.query.purpose']));
    expect(purposes).toEqual(expect.objectContaining(new Set(['timeline-page', 'timeline-count'])));
    for (const query of queries) {
      expect(query.kind).toBe(SpanKind.CLIENT);
      expect(query.name).toBe(`neo4j ${String(query.attributes['app.query.purpose'])}`);
      expect(query.attributes).toMatchObject({
        'db.system.name': 'neo4j',
        'db.namespace': server.database.name,
        'app.transaction.mode': 'read',
      });
      expect(query.attributes['db.query.text']).toMatch(/\$\w+/); // parameterised
      expect(query.attributes['db.response.returned_rows']).toEqual(expect.any(Number));
      // Ended once its result was read, within the operation.
      expect(query.endTime[0] + query.endTime[1] / 1e9).toBeLessThanOrEqual(
        operation.endTime[0] + operation.endTime[1] / 1e9,
      );
    }

    const trace = spans().filter((span) => span.spanContext().traceId === http.spanContext().traceId);
    const express = trace.filter((span) => span.attributes['express.type']);
    expect(trace).toHaveLength(2 + express.length + queries.length);
    // The variables reach the database as parameters, never the spans.
    expect(recorded(trace)).not.toContain(SECRET_PERIOD_END);
  });

  it('marks the operation failed with the error code, and records no message', async () => {
    const unknown = 'no-such-entity-7f3a';
    const { body } = await server.graphql(TIMELINE, { filter: { entityIds: [unknown] } });
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const operation = spanUnder(await serverSpan('POST', '/graphql'), 'query Timeline');
    expect(operation.status).toEqual({ code: SpanStatusCode.ERROR, message: 'NOT_FOUND' });
    expect(operation.attributes['error.type']).toBe('NOT_FOUND');
    expect(operation.events.map((event) => event.attributes?.['error.type'])).toEqual(['NOT_FOUND']);
    expect(recorded(spans())).not.toContain(unknown);
  });

  it('names a refused document "GraphQL Operation" with its code', async () => {
    const { body } = await server.graphql('query Broken { timeline(');
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const operation = spanUnder(await serverSpan('POST', '/graphql'), 'GraphQL Operation');
    expect(operation.attributes['error.type']).toBe('GRAPHQL_PARSE_FAILED');
    expect(cypherSpans(spans())).toEqual([]);
  });

  it('traces POST /bundles: HTTP server span → Express route → bundle.load → the load’s Cypher', async () => {
    const response = await fetch(`${server.base}/bundles`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml', authorization: `Bearer ${KEY}` },
      body: BRIEFING,
    });
    expect(response.status).toBe(201);

    const http = await serverSpan('POST', '/bundles');
    const load = spanUnder(http, 'bundle.load');
    expect(load.attributes).toMatchObject({ 'app.source.ids': [BRIEFING_SOURCE], 'app.dry_run': false });
    const queries = childrenOf(load);
    expect(queries.length).toBeGreaterThan(3);
    expect(cypherSpans(queries)).toEqual(queries);
    const writes = queries.filter((span) => span.attributes['app.query.purpose'] === 'load');
    expect(writes.length).toBeGreaterThan(0);
    for (const write of writes) expect(write.attributes['app.transaction.mode']).toBe('write');
    for (const query of queries) expect(query.spanContext().traceId).toBe(http.spanContext().traceId);
    // Quotes and names of the bundle are parameters: the statements carry none of them.
    expect(recorded(queries)).not.toContain('Krivoruchko');
  });

  it('traces the seed path: a bundle.load trace of its own with its Cypher spans', async () => {
    const { defaultBundleFiles, seedBundles } = await import('../../src/ingest/seed-loader');
    await seedBundles(server.database, defaultBundleFiles(path.resolve(__dirname, '../../seed')));
    const load = spans().find((span) => span.name === 'bundle.load');
    expect(load?.parentSpanContext).toBeUndefined();
    expect(cypherSpans(childrenOf(load as ReadableSpan)).length).toBeGreaterThan(3);
  });
});

describe('tracing Cypher', () => {
  it('ends a subscribed result’s span with its row count', async () => {
    const rows = await inSpan('test', {}, () =>
      server.database.read(
        'test',
        (tx) =>
          new Promise<number>((resolve, reject) => {
            let count = 0;
            tx.run('UNWIND range(1, $n) AS i RETURN i', { n: 3 }).subscribe({
              onNext: () => (count += 1),
              onCompleted: () => resolve(count),
              onError: reject,
            });
          }),
      ),
    );
    expect(rows).toBe(3);
    const [query] = cypherSpans(spans());
    expect(query?.attributes['db.response.returned_rows']).toBe(3);
    expect(query?.attributes['db.query.text']).toBe('UNWIND range(1, $n) AS i RETURN i');
  });

  it('records a failed query’s Neo4j code and neither its message nor its parameters', async () => {
    const secret = 'parameter-value-b81c';
    await expect(
      inSpan('test', {}, () => server.database.read('test', (tx) => tx.run('RETURN toInteger($x) +', { x: secret }))),
    ).rejects.toThrow();
    const [query] = cypherSpans(spans());
    expect(query?.attributes['db.response.status_code']).toBe('Neo.ClientError.Statement.SyntaxError');
    expect(query?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'Neo.ClientError.Statement.SyntaxError' });
    expect(recorded(spans())).not.toContain(secret);
  });

  it('opens no trace for a query outside a traced request or load', async () => {
    await server.database.read('test', (tx) => tx.run('RETURN 1'));
    expect(spans()).toEqual([]);
  });
});
