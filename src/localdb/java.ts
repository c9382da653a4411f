import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { LocalNeo4jError } from './errors';

/** Java feature releases Neo4j 5.26 LTS runs on. */
const SUPPORTED_JAVA_MAJORS: readonly number[] = [17, 21];

export interface JavaRuntime {
  readonly executable: string;
  readonly major: number;
  readonly version: string;
}

/** Parses the first line of `java -version` ("openjdk version "17.0.15" …", or "1.8.0_392" for Java 8). */
export function parseJavaVersion(output: string): { major: number; version: string } | undefined {
  const match = /version "([^"]+)"/.exec(output);
  if (!match?.[1]) return undefined;
  const version = match[1];
  const parts = version.split(/[.+-]/).map((part) => Number.parseInt(part, 10));
  const major = parts[0] === 1 ? parts[1] : parts[0];
  return major === undefined || Number.isNaN(major) ? undefined : { major, version };
}

/** Finds the Java that will run Neo4j ($JAVA_HOME first, then PATH) and checks its version. */
export function findJava(javaHome: string | undefined): JavaRuntime {
  const executable = javaHome ? path.join(javaHome, 'bin', 'java') : 'java';
  const where = javaHome ? `JAVA_HOME=${javaHome}` : 'PATH';
  const result = spawnSync(executable, ['-version'], { encoding: 'utf8' });
  if (result.error) {
    throw new LocalNeo4jError(
      'JAVA_MISSING',
      `Java was not found on ${where}. Neo4j 5.26 needs Java ${SUPPORTED_JAVA_MAJORS.join(' or ')}: ` +
        'install a JDK (e.g. `apt-get install openjdk-17-jre-headless`) or set JAVA_HOME to one.',
    );
  }
  const parsed = parseJavaVersion(`${result.stderr}${result.stdout}`);
  if (!parsed || !SUPPORTED_JAVA_MAJORS.includes(parsed.major)) {
    const found = parsed ? `Java ${parsed.version}` : 'a Java whose version could not be read';
    throw new LocalNeo4jError(
      'JAVA_UNSUPPORTED',
      `Neo4j 5.26 runs on Java ${SUPPORTED_JAVA_MAJORS.join(' or ')}, but ${where} gives ${found}. ` +
        'Set JAVA_HOME to a JDK 17 or 21.',
    );
  }
  return { executable, ...parsed };
}
