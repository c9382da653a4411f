import { Server } from 'node:http';
import { trace } from '@opentelemetry/api';
import { ConfigError, readTracingConfig } from '../../src/config';
import { startTracingFromConfig } from '../../src/tracing/tracing';

describe('tracing configuration', () => {
  it('exports only when an OTLP endpoint is set and the SDK is not disabled', () => {
    expect(readTracingConfig({}).exporting).toBe(false);
    expect(readTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).exporting).toBe(true);
    expect(readTracingConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }).exporting).toBe(
      true,
    );
    expect(readTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: '' }).exporting).toBe(false);
    for (const disabled of ['true', 'TRUE', ' True '])
      expect(
        readTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: disabled })
          .exporting,
      ).toBe(false);
    expect(
      readTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'false' }).exporting,
    ).toBe(true);
  });

  it('names the service event-timeline-graph unless OTEL_SERVICE_NAME says otherwise', () => {
    expect(readTracingConfig({}).serviceName).toBe('event-timeline-graph');
    expect(readTracingConfig({ OTEL_SERVICE_NAME: 'timeline-eu' }).serviceName).toBe('timeline-eu');
  });

  it('speaks http/protobuf unless told http/json, the traces variable first, and refuses gRPC by name', () => {
    expect(readTracingConfig({}).protocol).toBe('http/protobuf');
    expect(readTracingConfig({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }).protocol).toBe('http/json');
    expect(
      readTracingConfig({
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
      }).protocol,
    ).toBe('http/protobuf');
    expect(() => readTracingConfig({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(ConfigError);
    expect(() => readTracingConfig({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL/);
    expect(() => readTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
  });

  it('starts no SDK without an endpoint: no provider, nothing patched, spans are no-ops', () => {
    const emit = Server.prototype.emit;
    expect(startTracingFromConfig(readTracingConfig({ OTEL_SERVICE_NAME: 'x' }))).toBeUndefined();
    expect(
      startTracingFromConfig(
        readTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', OTEL_SDK_DISABLED: 'true' }),
      ),
    ).toBeUndefined();
    expect(Server.prototype.emit).toBe(emit);
    const span = trace.getTracer('test').startSpan('probe');
    expect(span.isRecording()).toBe(false);
    span.end();
  });
});
