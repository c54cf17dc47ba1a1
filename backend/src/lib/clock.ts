/** The one source of "now" for business rules (deadlines, sessions, retention), so tests
 * can move time instead of waiting for it. */
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Test helper: shift the clock; returns a function that restores it. */
export function shiftClock(ms: number): () => void {
  offsetMs += ms;
  return () => {
    offsetMs -= ms;
  };
}
