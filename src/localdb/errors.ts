export type LocalNeo4jErrorCode =
  | 'JAVA_MISSING'
  | 'JAVA_UNSUPPORTED'
  | 'MAVEN_MISSING'
  | 'DOWNLOAD_FAILED'
  | 'PORT_IN_USE'
  | 'START_FAILED'
  | 'STOP_FAILED';

/** A failure of the local Neo4j launcher, with a message that says what to do about it. */
export class LocalNeo4jError extends Error {
  override readonly name = 'LocalNeo4jError';

  constructor(
    readonly code: LocalNeo4jErrorCode,
    message: string,
  ) {
    super(message);
  }
}
