/**
 * Where a route goes: in the folder of the resource its path names. Each folder
 * says which path prefixes it owns; a path belongs to the folder owning its
 * longest prefix (so `/api/pupils/:pupilId/texts` is the families' although
 * `/api/pupils` is the pupils'). A route registered from any other folder stops
 * the server starting, as a route without an access rule does.
 */
import type { AppInstance } from "../server";

export interface RouteFolder {
  /** The folder's name under src/http/routes. */
  readonly name: string;
  /** Path prefixes (as written in route URLs, parameters included) whose routes live here. */
  readonly owns: readonly string[];
  register(app: AppInstance): void;
}

export class RouteFiledElsewhere extends Error {
  constructor(
    readonly url: string,
    readonly registeredIn: string,
    readonly belongsIn: string | null,
  ) {
    super(
      belongsIn
        ? `${url} is registered in routes/${registeredIn} but its path belongs to routes/${belongsIn}`
        : `${url} is registered in routes/${registeredIn} but no folder owns its path: add a prefix to a folder's owns`,
    );
  }
}

export class PrefixOwnedTwice extends Error {
  constructor(
    readonly prefix: string,
    readonly folders: readonly string[],
  ) {
    super(`${prefix} is owned by ${folders.join(" and ")}`);
  }
}

function covers(prefix: string, url: string): boolean {
  return url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}.`);
}

/** The folder a path belongs to, or null when no folder owns it. */
export function folderOf(folders: readonly RouteFolder[], url: string): RouteFolder | null {
  let best: { folder: RouteFolder; length: number } | null = null;
  for (const folder of folders) {
    for (const prefix of folder.owns) {
      if (covers(prefix, url) && (!best || prefix.length > best.length)) best = { folder, length: prefix.length };
    }
  }
  return best?.folder ?? null;
}

export function checkOwnership(folders: readonly RouteFolder[]): void {
  const owners = new Map<string, string[]>();
  for (const f of folders) for (const p of f.owns) owners.set(p, [...(owners.get(p) ?? []), f.name]);
  for (const [prefix, names] of owners) if (names.length > 1) throw new PrefixOwnedTwice(prefix, names);
}

/** Registers every folder's routes, refusing any route filed outside the folder its path belongs to. */
export function registerRouteFolders(app: AppInstance, folders: readonly RouteFolder[]): void {
  checkOwnership(folders);
  let filing: RouteFolder | null = null;
  app.addHook("onRoute", (route) => {
    if (!filing) return;
    const owner = folderOf(folders, route.url);
    if (owner !== filing) throw new RouteFiledElsewhere(route.url, filing.name, owner?.name ?? null);
  });
  for (const folder of folders) {
    filing = folder;
    folder.register(app);
  }
  filing = null;
}
