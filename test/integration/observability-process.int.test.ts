import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { findFreePort } from '../../src/localdb/ports';
import { spawnService, type ServiceProcess } from '../helpers/service-process';

const SECRET = 'Bearer do-not-log-this-0123456789abcdef';
const PROBE = 'query Probe { entities(first: 1) { id } }';

/** The TCP ports a process listens on (Linux: its socket descriptors matched in /proc/<pid>/net). */
function listeningPorts(pid: number): number[] {
  const sockets = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      if (inode) sockets.add(inode);
    } catch {
      // closed meanwhile
    }
  }
  const ports = new Set<number>();
  for (const table of ['tcp', 'tcp6']) {
    for (const line of readFileSync(`/proc/${pid}/net/${table}`, 'utf8').split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      const [local, state, inode] = [columns[1], columns[3], columns[9]];
      if (state === '0A' && inode && sockets.has(inode)) ports.add(parseInt(local?.split(':')[1] ?? '', 16));
    }
  }
  return [...ports].sort((a, b) => a - b);
}

/** GET /graphql with the probe query in the URL (so the log has a query string to leave out). */
const probe = (service: ServiceProcess, requestId: string) =>
  fetch(`${service.base}/graphql?query=${encodeURIComponent(PROBE)}`, {
    headers: { 'x-request-id': requestId, authorization: SECRET, 'x-api-key': SECRET, cookie: `session=${SECRET}` },
  });

describe('the service process: /metrics on its own port, and its request log', () => {
  const services: ServiceProcess[] = [];
  const start = async (env: NodeJS.ProcessEnv) => {
    const service = await spawnService({ SEED_ON_START: 'false', ...env });
    services.push(service);
    await service.waitForOutput(/Event-timeline graph service is up/);
    return service;
  };
  afterAll(async () => {
    for (const service of services) {
      if (service.child.exitCode === null) service.kill('SIGKILL');
      await service.exited;
    }
  });

  it('serves /metrics on METRICS_PORT only, and logs one JSON line per request with its id', async () => {
    const metricsPort = await findFreePort();
    const service = await start({ METRICS_PORT: String(metricsPort), LOG_FORMAT: 'json' });
    const apiPort = Number(new URL(service.base).port);
    expect(listeningPorts(service.child.pid as number)).toEqual([apiPort, metricsPort].sort((a, b) => a - b));

    const response = await probe(service, 'abc-123');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('abc-123');
    const unsafe = await probe(service, 'not a token');
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const scrape = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scrape.status).toBe(200);
    const text = await scrape.text();
    expect(text).toMatch(
      /^http_server_request_duration_seconds_count\{method="GET",route="\/graphql",status_code="200"\} 2$/m,
    );
    expect(text).toMatch(/^graphql_operations_total\{operation_name="Probe",operation_type="query",outcome="OK"\} 2$/m);
    expect((await fetch(`${service.base}/metrics`)).status).toBe(404);

    const line = await service.waitForOutput(/"requestId":"abc-123"/);
    const entry = JSON.parse(line) as Record<string, unknown>;
    expect(entry).toMatchObject({
      requestId: 'abc-123',
      request: { method: 'GET', path: '/graphql', status: 200, durationMs: expect.any(Number) },
      graphql: { operationName: 'Probe', operationType: 'query', outcome: 'OK' },
      msg: expect.stringMatching(/^GET \/graphql 200 \d+ ms · query Probe OK$/),
    });
    expect(line).not.toContain('do-not-log-this');
    expect(line).not.toContain('query=');
    expect(line).not.toContain('headers');

    // A client that leaves an event stream: one info line that says so, not an error of the service.
    const leaving = new AbortController();
    const stream = await fetch(
      `${service.base}/graphql/stream?query=${encodeURIComponent('subscription { timelineChanged { version } }')}`,
      {
        headers: { accept: 'text/event-stream', 'x-request-id': 'left-stream' },
        signal: leaving.signal,
      },
    );
    expect(stream.status).toBe(200);
    leaving.abort();
    const left = JSON.parse(await service.waitForOutput(/"requestId":"left-stream"/)) as Record<string, unknown>;
    expect(left).toMatchObject({
      level: 30,
      request: { path: '/graphql/stream', aborted: true },
      msg: expect.stringMatching(/^GET \/graphql\/stream 200 \d+ ms \(aborted\) · subscription/),
    });
  });

  it('logs readable lines with LOG_FORMAT=pretty, and with METRICS_PORT=0 opens no port but the API', async () => {
    const service = await start({ METRICS_PORT: '0', LOG_FORMAT: 'pretty' });
    expect(listeningPorts(service.child.pid as number)).toEqual([Number(new URL(service.base).port)]);
    expect((await fetch(`${service.base}/metrics`)).status).toBe(404);

    expect((await probe(service, 'pretty-1')).status).toBe(200);
    const line = await service.waitForOutput(/pretty-1/);
    expect(line).not.toMatch(/^\s*\{/);
    expect(line).toMatch(/INFO.*\[pretty-1\] GET \/graphql 200 \d+ ms · query Probe OK$/);
    expect(line).not.toContain('do-not-log-this');
  });
});
