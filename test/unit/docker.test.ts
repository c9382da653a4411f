import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, readConfig } from '../../src/config';
import { healthRoutes } from '../../src/http/health';
import { createLogger } from '../../src/logger';
import type { Database } from '../../src/neo4j/database';
import { SERVICE_NODE_FLAGS } from '../../src/node-flags';

// Docker cannot run on every machine that runs the tests: the files are parsed and checked against the
// repository they build from and the service they run.
const root = path.resolve(__dirname, '../..');

interface ComposeService {
  image?: string;
  build?: unknown;
  ports?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, ComposeService>;
    volumes: Record<string, unknown>;
  };
  const { neo4j, api } = compose.services;

  it('runs Neo4j 5.26 Community with a healthcheck, a data volume and both ports', () => {
    expect(neo4j?.image).toBe('neo4j:5.26-community');
    expect(neo4j?.ports).toEqual(expect.arrayContaining(['7474:7474', '7687:7687']));
    expect(neo4j?.healthcheck?.test.join(' ')).toContain('cypher-shell');
    expect(neo4j?.volumes).toContain('neo4j-data:/data');
    expect(compose.volumes).toHaveProperty('neo4j-data');
  });

  it('starts the API from the Dockerfile once Neo4j is healthy, on port 4000', () => {
    expect(api?.build).toBe('.');
    expect(api?.depends_on?.neo4j?.condition).toBe('service_healthy');
    expect(api?.ports).toContain('4000:4000');
    expect(api?.environment?.NEO4J_URI).toBe('bolt://neo4j:7687');
    expect(api?.environment?.SEED_ON_START).toBe('true');
  });

  it('passes the API only variables the config reads, and the same password to both', () => {
    for (const name of Object.keys(api?.environment ?? {})) expect(CONFIG_VARIABLES).toContain(name);
    expect(neo4j?.environment?.NEO4J_AUTH).toContain('${NEO4J_PASSWORD:?');
    expect(api?.environment?.NEO4J_PASSWORD).toContain('${NEO4J_PASSWORD:?');
  });
});

interface Instruction {
  readonly keyword: string;
  /** `--name=value` options (`COPY --from=build`). */
  readonly flags: Readonly<Record<string, string>>;
  readonly args: string;
}

interface Stage {
  readonly image: string;
  readonly name: string | undefined;
  readonly instructions: readonly Instruction[];
}

/** The Dockerfile's stages and their instructions: continuations joined, comments dropped. */
function parseDockerfile(text: string): Stage[] {
  const stages: { image: string; name: string | undefined; instructions: Instruction[] }[] = [];
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  for (const line of lines) {
    const [, keyword = '', rest = ''] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    let args = rest;
    const flags: Record<string, string> = {};
    for (let flag = /^--([\w-]+)=(\S+)\s+/.exec(args); flag; flag = /^--([\w-]+)=(\S+)\s+/.exec(args)) {
      flags[flag[1] as string] = flag[2] as string;
      args = args.slice(flag[0].length);
    }
    if (keyword.toUpperCase() === 'FROM') {
      const [image = '', as, name] = args.split(/\s+/);
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), flags, args });
    }
  }
  return stages;
}

/** An instruction's arguments as a list: the JSON (exec) form, or words. */
const words = (instruction: Instruction): string[] =>
  instruction.args.startsWith('[') ? (JSON.parse(instruction.args) as string[]) : instruction.args.split(/\s+/);

describe('Dockerfile', () => {
  const stages = parseDockerfile(readFileSync(path.join(root, 'Dockerfile'), 'utf8'));
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    main: string;
    engines: { node: string };
    scripts: Record<string, string>;
  };
  const buildConfig = JSON.parse(readFileSync(path.join(root, 'tsconfig.build.json'), 'utf8')) as {
    compilerOptions: { rootDir: string; outDir: string };
  };
  const ignored = readFileSync(path.join(root, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const runtime = stages.at(-1) as Stage;
  const build = stages.find((stage) =>
    stage.instructions.some((step) => step.keyword === 'RUN' && step.args.includes('npm run build')),
  );
  const all = (stage: Stage | undefined, keyword: string) =>
    (stage?.instructions ?? []).filter((step) => step.keyword === keyword);
  const workdir = (stage: Stage | undefined) => all(stage, 'WORKDIR').at(-1)?.args ?? '/';
  const env = Object.fromEntries(
    all(runtime, 'ENV').flatMap((step) => step.args.split(/\s+/).map((pair) => pair.split('=') as [string, string])),
  );

  it('builds in one stage and runs in another, both on the pinned Node image the package supports', () => {
    expect(build).toBeDefined();
    expect(build).not.toBe(runtime);
    const minimum = Number(/(\d+)/.exec(pkg.engines.node)?.[1]);
    for (const { image } of stages) {
      // A major version and a Debian release, never `latest` or a bare major that changes distribution.
      const [, major] = /^node:(\d+)-[a-z]+(-slim)?$/.exec(image) ?? [];
      expect({ image, supported: Number(major) >= minimum }).toEqual({ image, supported: true });
    }
    // node_modules is installed in the build stage and run in the last: one image for both.
    expect(runtime.image).toBe(build?.image);
  });

  it("installs the lockfile's dependencies with npm ci, and builds with the package's build script", () => {
    const steps = build?.instructions ?? [];
    const lockfile = steps.findIndex((step) => step.keyword === 'COPY' && words(step).includes('package-lock.json'));
    const install = steps.findIndex((step) => step.keyword === 'RUN' && /\bnpm ci\b/.test(step.args));
    const compile = steps.findIndex((step) => step.keyword === 'RUN' && step.args.includes('npm run build'));
    expect(lockfile).toBeGreaterThanOrEqual(0);
    expect(install).toBeGreaterThan(lockfile);
    expect(compile).toBeGreaterThan(install);
    expect(steps.some((step) => step.keyword === 'RUN' && /\bnpm (install|i)\b/.test(step.args))).toBe(false);
    expect(pkg.scripts.build).toContain('tsconfig.build.json');
  });

  it('copies from the build context only files that exist and .dockerignore lets through', () => {
    const sources = stages.flatMap((stage) =>
      all(stage, 'COPY')
        .filter((step) => step.flags.from === undefined)
        .flatMap((step) => words(step).slice(0, -1)),
    );
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect({ source, exists: existsSync(path.join(root, source)) }).toEqual({ source, exists: true });
      expect({ source, ignored: ignored.includes(source.split('/')[0] as string) }).toEqual({ source, ignored: false });
    }
  });

  it('starts the compiled entry point, which the build stage compiles and the last stage copies', () => {
    const cmd = all(runtime, 'CMD').at(-1);
    expect(cmd?.args.startsWith('[')).toBe(true); // exec form: node is PID 1 and receives SIGTERM
    const [program, ...rest] = words(cmd as Instruction);
    expect(program).toBe('node');
    const entry = rest.at(-1);
    expect(entry).toBe(pkg.main);
    // The service's node flags, as package.json's start and the benchmarks pass them, and this Node takes them.
    expect(rest.slice(0, -1)).toEqual(SERVICE_NODE_FLAGS);
    expect(pkg.scripts.start?.split('&&').at(-1)?.trim()).toBe(`node ${SERVICE_NODE_FLAGS.join(' ')} ${pkg.main}`);
    expect(spawnSync(process.execPath, [...SERVICE_NODE_FLAGS, '-e', '']).status).toBe(0);
    // The file tsc writes for src/main.ts, under the build's outDir, exists as source.
    const { rootDir, outDir } = buildConfig.compilerOptions;
    const compiled = path.posix.relative(outDir, entry as string);
    expect(existsSync(path.join(root, rootDir, compiled.replace(/\.js$/, '.ts')))).toBe(true);
    const copied = all(runtime, 'COPY').filter((step) => step.flags.from === build?.name);
    expect(copied.map((step) => words(step)[0])).toContain(path.posix.join(workdir(build), outDir));
  });

  it('ships what the service reads at run time beside the compiled code', () => {
    const shipped = all(runtime, 'COPY').flatMap((step) =>
      words(step)
        .slice(0, -1)
        .map((source) => (step.flags.from ? path.posix.relative(workdir(build), source) : source)),
    );
    // package.json marks the project root; schema.graphql is read at start; seed/ when SEED_ON_START.
    expect(shipped).toEqual(expect.arrayContaining(['package.json', 'node_modules', 'schema.graphql', 'seed']));
  });

  it('runs unprivileged, listening on all interfaces on the port it exposes, and reports its readiness', () => {
    const user = all(runtime, 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    for (const name of Object.keys(env)) expect(CONFIG_VARIABLES).toContain(name);
    expect(env.HOST).toBe('0.0.0.0');
    // The API's port, and the metrics listener's (readConfig's default METRICS_PORT).
    const metricsPort = String(readConfig({ ...env, NODE_ENV: 'development' }).metrics?.port);
    expect(all(runtime, 'EXPOSE').map((step) => step.args)).toEqual([`${env.PORT} ${metricsPort}`]);
    const healthcheck = all(runtime, 'HEALTHCHECK').at(-1)?.args ?? '';
    const url = /https?:\/\/127\.0\.0\.1:(\d+)(\/[\w/]+)/.exec(healthcheck);
    expect(url?.[1]).toBe(env.PORT);
    // The path it asks is one the service answers.
    const routes = (
      healthRoutes({} as Database, { shuttingDown: false }, 1000, createLogger('silent')) as unknown as {
        stack: { route?: { path: string } }[];
      }
    ).stack.map((layer) => layer.route?.path);
    expect(routes).toContain(url?.[2]);
  });
});
