import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../../src/config';

// Docker cannot run on every machine that runs the tests, so the essentials are checked as text.
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

describe('Dockerfile', () => {
  const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');

  it('builds on Node 20 with the lockfile and runs the compiled service', () => {
    expect(dockerfile).toMatch(/^FROM node:20/m);
    expect(dockerfile).toContain('npm ci');
    expect(dockerfile).toMatch(/^EXPOSE 4000$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
    expect(dockerfile).toContain('COPY seed ./seed');
  });

  it('listens on all interfaces inside the container and runs as an unprivileged user', () => {
    expect(dockerfile).toContain('HOST=0.0.0.0');
    expect(dockerfile).toMatch(/^USER node$/m);
  });
});
