import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OtlpSink {
  /** The base URL to give as OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly endpoint: string;
  /** Export requests and bytes received so far. */
  received(): { requests: number; bytes: number };
  close(): Promise<void>;
}

/**
 * A collector that accepts every OTLP/HTTP export and keeps nothing: the service pays for making,
 * batching, encoding and sending its spans, as it would to a real collector, and nothing more.
 * The reply is an empty ExportTraceServiceResponse (an empty protobuf message is zero bytes).
 */
export function startOtlpSink(): Promise<OtlpSink> {
  let requests = 0;
  let bytes = 0;
  const server: Server = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        received: () => ({ requests, bytes }),
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}
