/**
 * What the previous session loaded must not linger into the next one. The query cache lives in the
 * signed-in frame's chunk (AppLayout), which the sign-in page does not load: the frame registers its reset
 * here and the sign-in page calls it, without either importing the other.
 */
const resets = new Set<() => void>();

/** Registers a reset (the frame's query cache); returns the unregister function. */
export function onSessionReset(reset: () => void): () => void {
  resets.add(reset);
  return () => resets.delete(reset);
}

/** Drops everything registered (called by the sign-in page when it opens and after a sign-in). */
export function resetSessionData(): void {
  for (const reset of resets) reset();
}
