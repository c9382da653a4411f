/**
 * Open event streams per client: a client (by address) may hold at most `perClient` at once, so
 * one caller cannot take the whole process-wide allowance of live subscriptions.
 */
export class OpenStreams {
  private readonly byClient = new Map<string, number>();

  constructor(readonly perClient: number) {}

  /** Counts a stream for `client`, or refuses (undefined) when it already holds `perClient`. */
  open(client: string): (() => void) | undefined {
    const held = this.byClient.get(client) ?? 0;
    if (held >= this.perClient) return undefined;
    this.byClient.set(client, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.byClient.get(client) ?? 1) - 1;
      if (left > 0) this.byClient.set(client, left);
      else this.byClient.delete(client);
    };
  }
}
