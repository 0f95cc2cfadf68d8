// API objects are plain JSON; a JSON round trip is the fastest faithful deep copy for them.
export function clone<T>(v: T): T {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}
