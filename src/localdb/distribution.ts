import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { LocalNeo4jError } from './errors';
import { runProcess } from './run-process';

export interface Distribution {
  readonly neo4jVersion: string;
  readonly browserVersion: string;
  /** Folder of jars that together are the Neo4j Community server plus Neo4j Browser. */
  readonly libDir: string;
}

type Progress = (line: string) => void;

/** Reads the pinned versions from the launcher's pom. */
function readPinnedVersions(pomPath: string): { neo4jVersion: string; browserVersion: string } {
  const pom = readFileSync(pomPath, 'utf8');
  const neo4jVersion = /<neo4j\.version>([^<]+)</.exec(pom)?.[1];
  const browserVersion = /<neo4j-browser\.version>([^<]+)</.exec(pom)?.[1];
  if (!neo4jVersion || !browserVersion)
    throw new Error(`${pomPath} does not pin neo4j.version and neo4j-browser.version`);
  return { neo4jVersion, browserVersion };
}

/**
 * Returns the cached server jars, fetching them from Maven Central with Maven the first time.
 * The cache is keyed by the pinned versions, so bumping the pom fetches the new release.
 */
export async function ensureDistribution(
  pomPath: string,
  cacheRoot: string,
  progress: Progress,
): Promise<Distribution> {
  const versions = readPinnedVersions(pomPath);
  const home = path.join(cacheRoot, 'dist', `neo4j-${versions.neo4jVersion}-browser-${versions.browserVersion}`);
  const libDir = path.join(home, 'lib');
  const marker = path.join(home, 'complete');
  if (existsSync(marker)) return { ...versions, libDir };

  progress(
    `Fetching Neo4j ${versions.neo4jVersion} and Neo4j Browser ${versions.browserVersion} from Maven Central (once; about 140 MB)…`,
  );
  const staging = path.join(home, 'lib.partial');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  await runMaven(
    ['-B', '-f', pomPath, 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`, '-DincludeScope=runtime'],
    progress,
  );
  rmSync(libDir, { recursive: true, force: true });
  renameSync(staging, libDir);
  const jars = readdirSync(libDir).filter((name) => name.endsWith('.jar'));
  writeFileSync(marker, jars.join('\n') + '\n');
  progress(`Neo4j ${versions.neo4jVersion} ready: ${jars.length} jars cached in ${libDir}`);
  return { ...versions, libDir };
}

async function runMaven(args: string[], progress: Progress): Promise<void> {
  let files = 0;
  let bytes = 0;
  const onLine = (line: string) => {
    const downloaded = /^\[?(?:INFO\] )?Downloaded from [^:]+: \S+ \(([\d.]+) ([kMG]?B)/.exec(line);
    if (!downloaded) return;
    files += 1;
    bytes += Number(downloaded[1]) * unitBytes(downloaded[2] ?? 'B');
    if (files % 25 === 0) progress(`  downloaded ${files} files, ${(bytes / 1e6).toFixed(1)} MB`);
  };
  const result = await runProcess('mvn', args, { onLine, tailLines: 30 }).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ENOENT'
      ? new LocalNeo4jError(
          'MAVEN_MISSING',
          'Maven (`mvn`) was not found on PATH; the launcher uses it to fetch Neo4j from Maven Central. Install it (e.g. `apt-get install maven`).',
        )
      : error;
  });
  if (result.code !== 0) {
    throw new LocalNeo4jError(
      'DOWNLOAD_FAILED',
      `Fetching Neo4j from Maven Central failed (mvn exited with ${result.code}). ` +
        `Check the network or your Maven mirror settings; Maven said:\n${result.tail.join('\n')}`,
    );
  }
  progress(`  downloaded ${files} files, ${(bytes / 1e6).toFixed(1)} MB`);
}

function unitBytes(unit: string): number {
  return { B: 1, kB: 1e3, MB: 1e6, GB: 1e9 }[unit] ?? 1;
}
