import type { Episode } from "../compliance";

/** Episodes come "in any order" (compliance.md): compare them sorted. */
export function sortEpisodes(episodes: readonly Episode[]): Episode[] {
  const key = (e: Episode) => `${e.upn}\u0000${e.action}\u0000${e.firstListed}`;
  return [...episodes].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
