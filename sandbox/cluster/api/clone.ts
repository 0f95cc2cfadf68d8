// API objects are plain JSON. A deep copy with the semantics of a JSON round trip (undefined
// properties dropped, undefined array items and non-finite numbers become null), written out
// because it is several times faster than JSON.parse(JSON.stringify(v)).
export function clone<T>(v: T): T {
  return v === undefined ? v : (copy(v, false) as T);
}

/**
 * clone, except that frozen parts are shared rather than copied. Only stored objects (and parts
 * of them) are frozen, and they never change: a status write that carries over most of the old
 * status (a node's capacity, addresses, images...) need not copy it again. Never use it where
 * the copy is changed afterwards (defaulting, for one): its frozen parts cannot be.
 */
export function cloneSharingFrozen<T>(v: T): T {
  return v === undefined ? v : (copy(v, true) as T);
}

function copy(v: unknown, shareFrozen: boolean): unknown {
  if (typeof v !== 'object' || v === null) return typeof v === 'number' && !Number.isFinite(v) ? null : v;
  if (shareFrozen && Object.isFrozen(v)) return v;
  if (Array.isArray(v)) {
    const n = v.length;
    const out = new Array(n);
    for (let i = 0; i < n; i++) {
      const x = v[i];
      out[i] = x === undefined || typeof x === 'function' ? null : copy(x, shareFrozen);
    }
    return out;
  }
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return JSON.parse(JSON.stringify(v));
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined || typeof x === 'function') continue;
    // The key test inline, not in a helper called per property: this is the hottest loop.
    if (k === '__proto__') setOwn(out, k, copy(x, shareFrozen));
    else out[k] = copy(x, shareFrozen);
  }
  return out;
}

/**
 * out[k] = v for a "__proto__" key (JSON.parse makes it an own property, and a label or
 * annotation may be named so): defined as a property, since assigning it would replace out's
 * prototype.
 */
function setOwn(out: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
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
