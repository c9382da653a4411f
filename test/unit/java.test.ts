import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findJava, parseJavaVersion } from '../../src/localdb/java';

describe('Java detection for the local Neo4j', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** A JAVA_HOME whose bin/java prints the given version banner, as `java -version` does. */
  function javaHomePrinting(banner: string): string {
    const home = mkdtempSync(path.join(os.tmpdir(), 'jdk-'));
    dirs.push(home);
    mkdirSync(path.join(home, 'bin'));
    writeFileSync(path.join(home, 'bin', 'java'), `#!/bin/sh\necho '${banner}' >&2\n`);
    chmodSync(path.join(home, 'bin', 'java'), 0o755);
    return home;
  }

  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['java version "1.8.0_392"', 8],
    ['openjdk version "25.0.1" 2025-10-21 LTS', 25],
  ])('reads the major version of %s', (banner, major) => {
    expect(parseJavaVersion(banner)?.major).toBe(major);
  });

  it('accepts Java 17 and 21', () => {
    expect(findJava(javaHomePrinting('openjdk version "21.0.4" 2024-07-16')).major).toBe(21);
  });

  it('names the supported versions and the one found when Java is too old or too new', () => {
    expect(() => findJava(javaHomePrinting('openjdk version "11.0.2" 2019-01-15'))).toThrow(
      expect.objectContaining({ code: 'JAVA_UNSUPPORTED', message: expect.stringMatching(/17 or 21.*Java 11\.0\.2/) }),
    );
  });

  it('says how to install Java when there is none', () => {
    expect(() => findJava('/nonexistent/jdk')).toThrow(expect.objectContaining({ code: 'JAVA_MISSING' }));
  });
});
