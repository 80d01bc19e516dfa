import { describe, expect, it } from "vitest";
import Fastify from "fastify";
import type { AppInstance } from "../server";
import { folderOf, PrefixOwnedTwice, registerRouteFolders, RouteFiledElsewhere, type RouteFolder } from "./route-folder";
import { ROUTE_FOLDERS } from ".";

const folder = (name: string, owns: string[], register: (app: AppInstance) => void = () => {}): RouteFolder => ({ name, owns, register });
const ok = { schema: {} };

describe("where a route goes", () => {
  it("is the folder owning the longest prefix of its path", () => {
    const byName = (url: string) => folderOf(ROUTE_FOLDERS, url)?.name;
    expect(byName("/api/pupils/:pupilId")).toBe("pupils");
    expect(byName("/api/pupils/:pupilId/texts")).toBe("families");
    expect(byName("/api/visits/called-cards.pdf")).toBe("visits");
    expect(byName("/api/trust/figures.pdf")).toBe("oversight");
    expect(byName("/api/trust/today")).toBe("attendance");
    expect(byName("/api/calendar/:day")).toBe("attendance");
    // A prefix covers whole segments: the calendar feed is not the school calendar's.
    expect(byName("/api/calendar-feed/:token")).toBe("visits");
    expect(byName("/api/staff/:userId/unlock")).toBe("auth");
    expect(byName("/api/staff/:userId/checks")).toBe("staff");
    expect(byName("/api/nothing")).toBeUndefined();
  });

  it("refuses a route registered outside its folder, and one no folder owns", async () => {
    const misfiled = Fastify();
    const folders = [folder("pupils", ["/api/pupils"]), folder("visits", ["/api/visits"], (app) => app.get("/api/pupils/:pupilId/visit", ok, async () => ({})))];
    expect(() => registerRouteFolders(misfiled as unknown as AppInstance, folders)).toThrow(RouteFiledElsewhere);
    expect(() => registerRouteFolders(misfiled as unknown as AppInstance, folders)).toThrow("routes/visits but its path belongs to routes/pupils");
    const unowned = Fastify();
    expect(() => registerRouteFolders(unowned as unknown as AppInstance, [folder("visits", ["/api/visits"], (app) => app.get("/api/elsewhere", ok, async () => ({})))])).toThrow("no folder owns its path");
  });

  it("accepts routes in their own folder, and not a prefix owned by two folders", async () => {
    const app = Fastify();
    registerRouteFolders(app as unknown as AppInstance, [folder("visits", ["/api/visits"], (a) => a.get("/api/visits/:visitId", ok, async () => ({ ok: true })))]);
    expect((await app.inject({ url: "/api/visits/1" })).json()).toEqual({ ok: true });
    expect(() => registerRouteFolders(Fastify() as unknown as AppInstance, [folder("a", ["/api/x"]), folder("b", ["/api/x"])])).toThrow(PrefixOwnedTwice);
  });
});
