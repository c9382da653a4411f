import { createHash } from 'node:crypto';
import { z } from 'zod';

/** The password of the development database; documented in README, refused in production. */
export const DEVELOPMENT_PASSWORD = 'timeline-dev';

const port = z.coerce.number().int().min(0).max(65535);
const millis = z.coerce.number().int().positive();
const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const memorySize = z.string().regex(/^\d+[kmg]$/i, 'expected a size such as 512m or 2g');
const otlpProtocol = z.enum(['http/protobuf', 'http/json'], {
  errorMap: () => ({ message: 'expected http/protobuf or http/json (gRPC is not bundled)' }),
});

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  METRICS_PORT: port.default(9464),
  METRICS_HOST: z.string().min(1).optional(),
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, 'expected neo4j://host:port or bolt://host:port')
    .optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().min(8, 'Neo4j requires at least 8 characters').optional(),
  NEO4J_DATABASE: z.string().min(1).default('neo4j'),
  NEO4J_CONNECTION_TIMEOUT_MS: millis.default(5000),
  NEO4J_QUERY_TIMEOUT_MS: millis.default(10000),
  NEO4J_MAX_RETRY_TIME_MS: z.coerce.number().int().nonnegative().default(2000),
  NEO4J_MAX_POOL_SIZE: z.coerce.number().int().positive().default(50),
  SEED_ON_START: flag.default('true'),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().positive().default(12),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().positive().default(30),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().positive().default(3000),
  GRAPHQL_MAX_COST: z.coerce.number().int().positive().default(20000),
  GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().positive().default(20),
  GRAPHQL_INTROSPECTION: flag.optional(),
  GRAPHIQL: flag.optional(),
  CORS_ORIGINS: z.string().default('*'),
  FRAME_ANCESTORS: z.string().default('*'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().nonnegative().default(1200),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'expected a size such as 100kb')
    .default('100kb'),
  SHUTDOWN_DELAY_MS: z.coerce.number().int().nonnegative().default(0),
  EXPORT_MAX_EVENTS: z.coerce.number().int().positive().default(10000),
  CONNECTIONS_HUB_DEGREE: z.coerce.number().int().positive().default(1000),
  TIMELINE_HUB_DEGREE: z.coerce.number().int().positive().default(2000),
  CONNECTIONS_TIMEOUT_MS: millis.default(5000),
  INGEST_API_KEYS: z.string().optional(),
  CHANGE_POLL_MS: millis.default(1000),
  RESPONSE_CACHE_MB: z.coerce.number().nonnegative().max(4096).default(0),
  LIVE_MAX_SUBSCRIPTIONS: z.coerce.number().int().positive().default(1000),
  LIVE_MAX_PER_CLIENT: z.coerce.number().int().positive().default(20),
  TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|\d+|[\w.:/, -]+)$/,
      'true, false, a hop count, or a comma-separated list of addresses, subnets or loopback/linklocal/uniquelocal',
    )
    .optional(),
  LOCAL_NEO4J_DIR: z.string().min(1).default('.neo4j'),
  LOCAL_NEO4J_BOLT_PORT: port.default(7687),
  LOCAL_NEO4J_HTTP_PORT: port.default(7474),
  LOCAL_NEO4J_HEAP: memorySize.default('1g'),
  LOCAL_NEO4J_PAGECACHE: memorySize.default('512m'),
  JAVA_HOME: z.string().min(1).optional(),
  // Tracing: the SDK reads the other OTEL_* variables (headers, sampler, batching) itself.
  OTEL_SDK_DISABLED: z
    .string()
    .transform((value) => value.trim().toLowerCase() === 'true')
    .optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: otlpProtocol.optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: otlpProtocol.optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('event-timeline-graph'),
});

/** Every environment variable the service reads. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

export interface LocalNeo4jConfig {
  readonly dir: string;
  readonly boltPort: number;
  readonly httpPort: number;
  readonly heap: string;
  readonly pageCache: string;
  readonly javaHome: string | undefined;
}

export interface Neo4jConfig {
  /** Absent when the service runs its own local Neo4j (the embedded default). */
  readonly uri: string | undefined;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  readonly connectionTimeoutMs: number;
  readonly queryTimeoutMs: number;
  /** How long the driver keeps retrying a transaction after a transient failure. */
  readonly maxRetryTimeMs: number;
  readonly maxPoolSize: number;
}

export interface GraphqlConfig {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxTokens: number;
  readonly maxCost: number;
  readonly maxDirectives: number;
  /** Schema introspection; on by default, off by default in production. */
  readonly introspection: boolean;
  /** The GraphiQL page; on by default, off by default in production. */
  readonly graphiql: boolean;
  /** Paths do not pass through nodes with more relationships than this. */
  readonly hubDegree: number;
  readonly connectionsTimeoutMs: number;
  /**
   * Filtered entities with more relationships than this together are read from the date index
   * (each event checked) instead of expanded into all their events.
   */
  readonly timelineHubDegree: number;
  /** Bytes of query answers kept per data version (src/graphql/response-cache.ts); 0: no cache. */
  readonly responseCacheBytes: number;
}

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  /** `auto`: readable lines on a terminal, JSON otherwise. */
  readonly logFormat: LogFormat;
  /** Where /metrics is served; off when absent (METRICS_PORT=0). */
  readonly metrics: MetricsConfig | undefined;
  readonly seedOnStart: boolean;
  readonly neo4j: Neo4jConfig;
  readonly localNeo4j: LocalNeo4jConfig;
  readonly graphql: GraphqlConfig;
  /** Origins allowed to read the API from a browser: `*`, or a comma-separated list; empty for none. */
  readonly corsOrigins: '*' | readonly string[];
  readonly http: HttpConfig;
  readonly ingest: IngestConfig;
}

export type LogFormat = 'auto' | 'pretty' | 'json';

/** The listener of /metrics: a port of its own, so the API's port never exposes it. */
export interface MetricsConfig {
  readonly host: string;
  readonly port: number;
}

export interface HttpConfig {
  /** Who may frame the widget pages (CSP frame-ancestors): `*`, or space-separated sources. */
  readonly frameAncestors: string;
  /** Requests per minute per client address; 0 turns the limit off. */
  readonly rateLimitPerMinute: number;
  /** Largest request body, e.g. `100kb`. */
  readonly bodyLimit: string;
  /** After SIGTERM, how long the service stays up reporting not-ready before it stops accepting. */
  readonly shutdownDelayMs: number;
  /** Most events a timeline export carries; a larger selection is refused (BAD_USER_INPUT). */
  readonly exportMaxEvents: number;
  /** Which proxies' X-Forwarded-For names the client (Express's `trust proxy`); false: none. */
  readonly trustProxy: boolean | number | string;
  /** Open event streams (/graphql/stream) one client address may hold at once. */
  readonly maxStreamsPerClient: number;
}

/** Who may write through the API (POST/DELETE /bundles, ingestBundle); none: the write path is off. */
export interface IngestConfig {
  /** Each key's name (logged with every write) and the SHA-256 of its secret; secrets are not kept. */
  readonly keys: readonly { readonly name: string; readonly sha256: string }[];
  /** How often a replica checks the data version for changes while someone subscribes to them. */
  readonly changePollMs: number;
  /** Open live subscriptions the process serves at once, from all clients. */
  readonly maxSubscriptions: number;
}

/** Shows the development password (it is documented anyway), never a real one. */
export function describePassword(password: string): string {
  return password === DEVELOPMENT_PASSWORD ? DEVELOPMENT_PASSWORD : '(the value of NEO4J_PASSWORD)';
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the environment once; throws a ConfigError that names what to set. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = parseEnvironment(EnvSchema, env);
  if (e.NODE_ENV === 'production' && (e.NEO4J_URI === undefined || e.NEO4J_PASSWORD === undefined)) {
    throw new ConfigError(
      'Invalid configuration: in production set NEO4J_URI and NEO4J_PASSWORD; ' +
        'the local database and its development password are for development only.',
    );
  }
  return deepFreeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    metrics: e.METRICS_PORT === 0 ? undefined : { host: e.METRICS_HOST ?? e.HOST, port: e.METRICS_PORT },
    seedOnStart: e.SEED_ON_START,
    http: {
      frameAncestors: e.FRAME_ANCESTORS,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      bodyLimit: e.BODY_LIMIT,
      shutdownDelayMs: e.SHUTDOWN_DELAY_MS,
      exportMaxEvents: e.EXPORT_MAX_EVENTS,
      trustProxy: parseTrustProxy(e.TRUST_PROXY),
      maxStreamsPerClient: e.LIVE_MAX_PER_CLIENT,
    },
    ingest: {
      keys: parseApiKeys(e.INGEST_API_KEYS ?? ''),
      changePollMs: e.CHANGE_POLL_MS,
      maxSubscriptions: e.LIVE_MAX_SUBSCRIPTIONS,
    },
    corsOrigins:
      e.CORS_ORIGINS.trim() === '*'
        ? '*'
        : e.CORS_ORIGINS.split(',')
            .map((origin) => origin.trim())
            .filter(Boolean),
    neo4j: {
      uri: e.NEO4J_URI,
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD ?? DEVELOPMENT_PASSWORD,
      database: e.NEO4J_DATABASE,
      connectionTimeoutMs: e.NEO4J_CONNECTION_TIMEOUT_MS,
      queryTimeoutMs: e.NEO4J_QUERY_TIMEOUT_MS,
      maxRetryTimeMs: e.NEO4J_MAX_RETRY_TIME_MS,
      maxPoolSize: e.NEO4J_MAX_POOL_SIZE,
    },
    graphql: {
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
      maxCost: e.GRAPHQL_MAX_COST,
      maxDirectives: e.GRAPHQL_MAX_DIRECTIVES,
      introspection: e.GRAPHQL_INTROSPECTION ?? e.NODE_ENV !== 'production',
      graphiql: e.GRAPHIQL ?? e.NODE_ENV !== 'production',
      hubDegree: e.CONNECTIONS_HUB_DEGREE,
      connectionsTimeoutMs: e.CONNECTIONS_TIMEOUT_MS,
      timelineHubDegree: e.TIMELINE_HUB_DEGREE,
      responseCacheBytes: Math.round(e.RESPONSE_CACHE_MB * 1024 * 1024),
    },
    localNeo4j: {
      dir: e.LOCAL_NEO4J_DIR,
      boltPort: e.LOCAL_NEO4J_BOLT_PORT,
      httpPort: e.LOCAL_NEO4J_HTTP_PORT,
      heap: e.LOCAL_NEO4J_HEAP,
      pageCache: e.LOCAL_NEO4J_PAGECACHE,
      javaHome: e.JAVA_HOME,
    },
  });
}

/** The variables `schema` reads, validated; a ConfigError names each bad one. */
function parseEnvironment<Schema extends z.ZodTypeAny>(schema: Schema, env: NodeJS.ProcessEnv): z.output<Schema> {
  // An empty variable (`NEO4J_URI=`) means unset, as in most shells' and compose files' usage.
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration; fix these environment variables:\n${problems.join('\n')}`);
  }
  return parsed.data as z.output<Schema>;
}

/** Whether and how spans leave the process; read before anything else loads (src/observability/). */
export interface TracingConfig {
  /** An OTLP endpoint is set and OTEL_SDK_DISABLED is not true; otherwise no SDK starts at all. */
  readonly exporting: boolean;
  readonly protocol: 'http/protobuf' | 'http/json';
  readonly serviceName: string;
}

/** The tracing part of the environment alone, so that it can be read before the rest of the service loads. */
export function readTracingConfig(env: NodeJS.ProcessEnv = process.env): TracingConfig {
  const schema = EnvSchema.pick({
    OTEL_SDK_DISABLED: true,
    OTEL_EXPORTER_OTLP_ENDPOINT: true,
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: true,
    OTEL_EXPORTER_OTLP_PROTOCOL: true,
    OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: true,
    OTEL_SERVICE_NAME: true,
  });
  const e = parseEnvironment(schema, env);
  const endpoint = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? e.OTEL_EXPORTER_OTLP_ENDPOINT;
  return {
    exporting: endpoint !== undefined && e.OTEL_SDK_DISABLED !== true,
    protocol: e.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? e.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf',
    serviceName: e.OTEL_SERVICE_NAME,
  };
}

/**
 * The configuration of a tool (benchmark, corpus generator): the process environment over the
 * tool's own `defaults` (e.g. a bigger heap), under its `overrides` (e.g. the URI it just started).
 */
export function readToolConfig(defaults: NodeJS.ProcessEnv = {}, overrides: NodeJS.ProcessEnv = {}): Config {
  const set = (env: NodeJS.ProcessEnv) =>
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  return readConfig({ ...set(defaults), ...set(process.env), ...set(overrides) });
}

/** What the benchmark and corpus tools run their local Neo4j instances with unless told otherwise. */
export const BENCH_NEO4J_DEFAULTS: NodeJS.ProcessEnv = { LOCAL_NEO4J_HEAP: '2g', LOCAL_NEO4J_PAGECACHE: '2g' };

/** The shortest secret accepted: 128 bits of hex, as `openssl rand -hex 16` writes. */
const MIN_KEY_LENGTH = 32;

/** `name:secret,name:secret` as names and SHA-256 hashes; a malformed entry is a ConfigError. */
function parseApiKeys(text: string): IngestConfig['keys'] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const keys = entries.map((entry, index) => {
    const match = /^([a-z0-9][a-z0-9_-]*):(\S+)$/i.exec(entry);
    if (!match || (match[2] as string).length < MIN_KEY_LENGTH) {
      throw new ConfigError(
        `Invalid configuration: INGEST_API_KEYS takes name:secret pairs separated by commas, each secret at least ${MIN_KEY_LENGTH} characters (e.g. from openssl rand -hex 16); entry ${index + 1} is not one`,
      );
    }
    return {
      name: match[1] as string,
      sha256: createHash('sha256')
        .update(match[2] as string)
        .digest('hex'),
    };
  });
  const names = keys.map((key) => key.name);
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated) throw new ConfigError(`Invalid configuration: INGEST_API_KEYS names "${repeated}" twice`);
  return keys;
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child as object);
  }
  return Object.freeze(value);
}

/** TRUST_PROXY as Express takes it: a boolean, a hop count, or a list of trusted addresses and names. */
function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
