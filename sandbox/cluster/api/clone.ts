// API objects are plain JSON; a JSON round trip is the fastest faithful deep copy for them.
export function clone<T>(v: T): T {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}

/**
 * Freezes a plain JSON value in depth and returns it. The API server freezes what it stores:
 * stored objects are never changed in place, so the store, watch events, informer caches and
 * snapshots can all share them without copies (a write stores a new object).
 */
export function deepFreeze<T>(v: T): T {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return v;
  Object.freeze(v);
  if (Array.isArray(v)) {
    for (const x of v) deepFreeze(x);
  } else {
    for (const k in v) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}
