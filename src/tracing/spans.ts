import { SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';

/**
 * The service's tracer. Without a started SDK (no OTLP endpoint) the API hands out non-recording
 * spans: every call below is then a no-op.
 */
export const tracer = trace.getTracer('event-timeline-graph');

/** Runs `work` in an active span of its own, ended (and marked failed by `codeOf`) when it settles. */
export function inSpan<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work();
    } catch (error) {
      markFailed(span, codeOf(error));
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * Marks a span failed with a code, never a message: messages may quote what a client or a bundle
 * sent (a constraint's value, an unparsable date), and spans travel further than logs.
 */
export function markFailed(span: Span, code: string): void {
  span.setAttribute(ATTR_ERROR_TYPE, code);
  span.setStatus({ code: SpanStatusCode.ERROR, message: code });
}

/** A coded error's code (AppError, Neo4jError), else the error's class name. */
export function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code !== '') return code;
  return error instanceof Error ? error.name : 'Error';
}
