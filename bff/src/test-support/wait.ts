/** Waiting on conditions in tests, instead of fixed sleeps. */

/**
 * Calls `check` every 50 ms until it returns true, and raises an error
 * naming `condition` when `timeoutMs` (default 10 s) passes first.
 */
export async function waitFor(
  condition: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${condition}.`);
}
