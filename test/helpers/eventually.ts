/**
 * Polls `check` every 250 ms until it returns true, or fails after timeoutMs naming `what`: the way
 * tests wait for a state they can observe (a status, a log line, a flag set by an event) instead of
 * sleeping for a guessed time. A check that throws counts as not yet.
 */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms`);
}
