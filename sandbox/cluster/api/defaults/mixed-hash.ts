// A 32-bit hash that stands in for the API server's random choices where the simulator must not
// draw from its seeded random stream (a draw would shift every uid and name after it): FNV-1a of
// the text, mixed by murmur3's fmix32 so that texts differing in one character land far apart.
export function mixedHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
