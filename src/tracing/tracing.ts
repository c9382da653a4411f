import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations, type InstrumentationBase } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { TracingConfig } from '../config';

/** A started tracing SDK. */
export interface Tracing {
  /**
   * What patches http and express as they load. A test under jest applies them itself: jest's
   * module registry loads modules without the hook they listen to.
   */
  readonly instrumentations: readonly InstrumentationBase[];
  /** Exports the spans still queued and stops. */
  shutdown(): Promise<void>;
}

/**
 * Starts tracing when an OTLP endpoint is configured; otherwise starts nothing and gives undefined:
 * no provider, no patched modules, and the API's spans are no-ops, so tracing then costs nothing.
 */
export function startTracingFromConfig(config: TracingConfig): Tracing | undefined {
  if (!config.exporting) return undefined;
  // The exporters read the endpoint, headers, timeout and compression from OTEL_EXPORTER_OTLP_*.
  const exporter = config.protocol === 'http/json' ? new OtlpJsonExporter() : new OtlpProtobufExporter();
  // BatchSpanProcessor reads OTEL_BSP_* (delay, queue and batch sizes).
  return startTracing(new BatchSpanProcessor(exporter), config.serviceName);
}

/**
 * Registers the tracer provider (W3C trace context, OTEL_TRACES_SAMPLER, OTEL_RESOURCE_ATTRIBUTES)
 * and the HTTP and Express instrumentations, which patch those modules as they are loaded: call it
 * before anything imports express or serves HTTP.
 */
export function startTracing(processor: SpanProcessor, serviceName: string): Tracing {
  const resource = defaultResource()
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }))
    .merge(detectResources({ detectors: [envDetector] }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  provider.register();
  const instrumentations = [
    new HttpInstrumentation({
      // Probes poll every few seconds and would drown the traces worth reading.
      ignoreIncomingRequestHook: (request) => request.url?.startsWith('/health/') ?? false,
      // The service calls no HTTP API while it serves; Neo4j speaks Bolt.
      disableOutgoingRequestInstrumentation: true,
    }),
    // Request handler spans only: a span per middleware and per router passed through (a dozen a
    // request) would cost more than it tells. It also names the HTTP span after the route.
    new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER] }),
  ];
  const unregister = registerInstrumentations({ tracerProvider: provider, instrumentations });
  return {
    instrumentations,
    async shutdown() {
      unregister();
      await provider.shutdown();
    },
  };
}
