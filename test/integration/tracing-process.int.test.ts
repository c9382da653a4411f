import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from '../helpers/eventually';
import { spawnService, type ServiceProcess } from '../helpers/service-process';

/** A span as OTLP/JSON carries it, with its resource's service name. */
interface ExportedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly attributes: Record<string, unknown>;
}

interface OtlpAttribute {
  key: string;
  value: Record<string, unknown>;
}
interface OtlpRequest {
  resourceSpans: {
    resource: { attributes: OtlpAttribute[] };
    scopeSpans: { spans: (Omit<ExportedSpan, 'service' | 'attributes'> & { attributes: OtlpAttribute[] })[] }[];
  }[];
}

const attributesOf = (list: readonly OtlpAttribute[]) =>
  Object.fromEntries(list.map(({ key, value }) => [key, Object.values(value)[0]]));

/** A collector's OTLP/HTTP traces endpoint, keeping what it receives. */
function startCollector(): Promise<{ server: Server; endpoint: string; spans: ExportedSpan[] }> {
  const spans: ExportedSpan[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        for (const { resource, scopeSpans } of (JSON.parse(body) as OtlpRequest).resourceSpans) {
          const service = String(attributesOf(resource.attributes)['service.name']);
          for (const span of scopeSpans.flatMap((scope) => scope.spans))
            spans.push({ ...span, service, attributes: attributesOf(span.attributes) });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans }),
    ),
  );
}

describe('tracing in the real process (node src/main.ts)', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let service: ServiceProcess;

  beforeAll(async () => {
    collector = await startCollector();
    service = await spawnService({
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      SEED_ON_START: 'true',
      LOG_LEVEL: 'warn',
    });
    await service.waitForOutput(/service is up/, 120_000);
  });

  afterAll(async () => {
    service?.kill('SIGTERM');
    await service?.exited;
    await new Promise((resolve) => collector?.server.close(resolve));
  });

  const afterProbeTrace = () => collector.spans.find((span) => span.name === 'query AfterProbe')?.traceId;
  const parentOf = (span: ExportedSpan) => collector.spans.find((other) => other.spanId === span.parentSpanId);

  it('registers the instrumentations before express loads, and exports each request as one trace over OTLP', async () => {
    const response = await fetch(`${service.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Timeline { timeline(first: 3) { nodes { id } } }' }),
    });
    expect(response.status).toBe(200);
    const operation = () => collector.spans.find((span) => span.name === 'query Timeline');
    const queries = () => collector.spans.filter((span) => span.parentSpanId === operation()?.spanId);
    await eventually(
      async () => queries().length > 0 && parentOf(parentOf(operation() as ExportedSpan) as ExportedSpan) !== undefined,
      20_000,
      'the timeline trace at the collector',
    );
    const graphql = operation() as ExportedSpan;
    const handler = parentOf(graphql) as ExportedSpan;
    expect(handler.attributes['express.type']).toBe('request_handler');
    const http = parentOf(handler) as ExportedSpan;
    expect(http.name).toBe('POST /graphql');
    expect(http.parentSpanId ?? '').toBe('');
    for (const span of [graphql, handler, http, ...queries()]) {
      expect(span.traceId).toBe(http.traceId);
      expect(span.service).toBe('event-timeline-graph');
    }
    for (const query of queries()) expect(query.attributes['db.query.text']).toEqual(expect.any(String));
  });

  it('exports the seeding at start as a bundle.load trace with its Cypher', async () => {
    const load = collector.spans.find((span) => span.name === 'bundle.load');
    expect(load?.attributes['app.source.ids']).toBeDefined();
    expect(collector.spans.filter((span) => span.parentSpanId === load?.spanId).length).toBeGreaterThan(3);
  });

  it('sends no trace of the health probes', async () => {
    expect((await fetch(`${service.base}/health/ready`)).status).toBe(200);
    // A request after the probe: once its trace has arrived, the probe's would have too.
    await fetch(`${service.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query AfterProbe { __typename }' }),
    });
    await eventually(
      async () => collector.spans.some((span) => span.name === 'POST /graphql' && span.traceId === afterProbeTrace()),
      20_000,
      'the trace of the request after the probe',
    );
    const probes = collector.spans.filter(
      (span) => span.name.includes('/health') || String(span.attributes['http.target']).startsWith('/health'),
    );
    expect(probes).toEqual([]);
  });
});
