import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors';

/**
 * Checks a presented `Authorization: Bearer <key>` against INGEST_API_KEYS. The presented key is
 * hashed and compared with every configured hash in constant time (all of them, whatever matches),
 * so neither the comparison nor the number of comparisons depends on how much of a key is right.
 */
export class ApiKeys {
  private readonly hashes: readonly { name: string; sha256: Buffer }[];

  /** Each key's name and the hex SHA-256 of its secret (INGEST_API_KEYS, as config reads it). */
  constructor(keys: readonly { readonly name: string; readonly sha256: string }[]) {
    this.hashes = keys.map((key) => ({ name: key.name, sha256: Buffer.from(key.sha256, 'hex') }));
  }

  /** False when no keys are configured: the write path is off. */
  get enabled(): boolean {
    return this.hashes.length > 0;
  }

  /**
   * The name of the key presented as `authorization` (the `Authorization` header as sent). Throws
   * FORBIDDEN when the write path is off and UNAUTHENTICATED when the key is missing or wrong.
   */
  authorize(authorization: string | undefined): string {
    if (!this.enabled)
      throw new AppError('FORBIDDEN', 'Writes are off on this service: it has no INGEST_API_KEYS configured');
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (presented === undefined)
      throw new AppError('UNAUTHENTICATED', 'Send an API key as Authorization: Bearer <key>');
    const digest = createHash('sha256').update(presented).digest();
    let name: string | undefined;
    for (const key of this.hashes) {
      if (timingSafeEqual(digest, key.sha256) && name === undefined) name = key.name;
    }
    if (name === undefined) throw new AppError('UNAUTHENTICATED', 'The API key is not valid');
    return name;
  }
}
