/**
 * mulberry32: a small, fast random sequence from a 32-bit seed, the same on
 * every machine. For draws that must be shown and repeated (a case sample's
 * seed) and for the bench's reproducible data; never for secrets.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
