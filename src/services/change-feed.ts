import { AppError } from '../errors';
import type { Database } from '../neo4j/database';
import { readDataVersion } from '../repositories/data-version.repository';

/**
 * Tells subscribers when the graph's data version changes. A write through this process announces
 * its version at once (`announce`); writes through other replicas or the seed CLI are seen by
 * polling the version (one index lookup every CHANGE_POLL_MS), and only while someone listens.
 */
export class ChangeFeed {
  private readonly subscriptions = new Set<{ push: (version: number) => void; end: () => void }>();
  /** The service's own followers (the answer cache): neither counted nor capped as subscriptions. */
  private readonly followers = new Set<(version: number) => void>();
  private version: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private warned = false;
  private closed = false;

  constructor(
    private readonly database: Database,
    private readonly pollMs: number,
    /** Told once when reading the version starts failing (it is retried at every poll). */
    private readonly onPollError: (error: unknown) => void,
    /** Open subscriptions at most (each one reads its selection again after every change). */
    private readonly maxSubscriptions = 1000,
  ) {}

  /**
   * The data version each time it changes, from now until the iterator is returned or the feed
   * closes. A subscriber that is still busy with one change is given only the latest version
   * next: it has to read its selection once, not once per version it missed.
   */
  versions(): AsyncIterableIterator<number> {
    if (this.subscriptions.size >= this.maxSubscriptions)
      throw new AppError('RATE_LIMITED', `Too many live subscriptions (${this.maxSubscriptions}); try again later`);
    let latest: number | undefined;
    let wake: ((result: IteratorResult<number>) => void) | undefined;
    let done = this.closed;
    const subscription = {
      push: (version: number) => {
        if (!wake) latest = version;
        else {
          const resolve = wake;
          wake = undefined;
          resolve({ done: false, value: version });
        }
      },
      end: () => {
        done = true;
        this.subscriptions.delete(subscription);
        this.stopPollingWhenUnheard();
        wake?.({ done: true, value: undefined });
        wake = undefined;
      },
    };
    if (!done) {
      this.subscriptions.add(subscription);
      this.startPolling();
    }
    // A plain iterator, not a generator: return() must end a next() that is still waiting.
    return {
      next: () => {
        if (latest !== undefined) {
          const value = latest;
          latest = undefined;
          return Promise.resolve({ done: false, value });
        }
        if (done) return Promise.resolve({ done: true, value: undefined });
        return new Promise((resolve) => (wake = resolve));
      },
      return: () => {
        subscription.end();
        return Promise.resolve({ done: true, value: undefined });
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** A write of this process committed `version`: subscribers hear of it without waiting for a poll. */
  announce(version: number): void {
    if (this.version !== undefined && version <= this.version) return;
    this.version = version;
    for (const subscription of this.subscriptions) subscription.push(version);
    for (const follower of this.followers) follower(version);
  }

  /**
   * Calls `onVersion` with each new version until the returned function is called or the feed
   * closes, keeping the version followed (`followedVersion`) meanwhile; for the service itself,
   * so it takes no place among the clients' subscriptions.
   */
  follow(onVersion: (version: number) => void): () => void {
    if (this.closed) return () => undefined;
    this.followers.add(onVersion);
    this.startPolling();
    return () => {
      this.followers.delete(onVersion);
      this.stopPollingWhenUnheard();
    };
  }

  /** Ends every subscription (at shutdown, so that open streams let the server close). */
  close(): void {
    this.closed = true;
    for (const subscription of [...this.subscriptions]) subscription.end();
    this.followers.clear();
    this.stopPolling();
  }

  /** The data version as last read or announced while following changes; undefined when not following. */
  get followedVersion(): number | undefined {
    return this.timer ? this.version : undefined;
  }

  /** How many subscriptions are open. */
  get subscribers(): number {
    return this.subscriptions.size;
  }

  private startPolling(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
    void this.poll();
  }

  private stopPollingWhenUnheard(): void {
    if (this.subscriptions.size === 0 && this.followers.size === 0) this.stopPolling();
  }

  private stopPolling(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    // Unread while no one listens: the next first reading is a baseline again.
    this.version = undefined;
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const version = await readDataVersion(this.database);
      this.warned = false;
      // A first reading is passed on too: a subscriber may have read its selection just before
      // a write this reading already includes; reading it once more settles that.
      this.announce(version);
    } catch (error) {
      if (!this.warned) this.onPollError(error);
      this.warned = true;
    } finally {
      this.polling = false;
    }
  }
}
