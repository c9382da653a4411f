/**
 * Imported first by src/main.ts, before any module that loads http or express: the
 * instrumentations patch those modules as they are loaded, so they must be registered before.
 */
import { ConfigError, readTracingConfig } from '../config';
import { startTracingFromConfig, type Tracing } from './tracing';

function startFromEnvironment(): Tracing | undefined {
  try {
    return startTracingFromConfig(readTracingConfig());
  } catch (error) {
    // As main() reports a bad configuration: the message, no stack.
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

/** The started SDK, or undefined when no OTLP endpoint is configured (tracing off, at no cost). */
export const tracing = startFromEnvironment();
