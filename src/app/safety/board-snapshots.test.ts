import { describe, expect, it } from "vitest";
import { boardSnapshots } from "./board-snapshots";

function slowBuilds() {
  const calls: { schoolId: string; resolve: (json: string) => void; reject: (e: Error) => void }[] = [];
  const build = (schoolId: string) => new Promise<string>((resolve, reject) => calls.push({ schoolId, resolve, reject }));
  return { calls, build };
}
const settle = () => new Promise((r) => setImmediate(r));

describe("board snapshots", () => {
  it("gives every screen of a school the snapshot being built, rather than starting another", async () => {
    const { calls, build } = slowBuilds();
    let now = 0;
    const snapshot = boardSnapshots(build, { clock: () => now });
    const first = snapshot("s1");
    now = 5_000; // the database is slow: seconds pass while it builds
    const second = snapshot("s1");
    expect(calls).toHaveLength(1);
    calls[0]!.resolve("[1]");
    expect([await first, await second]).toEqual(["[1]", "[1]"]);
  });

  it("refreshes every second counted from the start of a build, however long the build took", async () => {
    const { calls, build } = slowBuilds();
    let now = 0;
    const snapshot = boardSnapshots(build, { clock: () => now });
    void snapshot("s1");
    now = 150;
    calls[0]!.resolve("[1]");
    await settle();
    now = 899;
    expect(await snapshot("s1")).toBe("[1]");
    expect(calls).toHaveLength(1);
    now = 1_000; // the stream's next tick
    void snapshot("s1");
    expect(calls).toHaveLength(2);
  });

  it("stops waiting for a build that never finishes, so a lost connection does not freeze the board", () => {
    const { calls, build } = slowBuilds();
    let now = 0;
    const snapshot = boardSnapshots(build, { clock: () => now, abandonAfterMs: 15_000 });
    void snapshot("s1");
    now = 14_999;
    void snapshot("s1");
    expect(calls).toHaveLength(1);
    now = 15_000;
    void snapshot("s1");
    expect(calls).toHaveLength(2);
  });

  it("keeps schools apart and does not keep a failed build", async () => {
    const { calls, build } = slowBuilds();
    const snapshot = boardSnapshots(build, { clock: () => 0 });
    const a = snapshot("s1");
    void snapshot("s2");
    expect(calls.map((c) => c.schoolId)).toEqual(["s1", "s2"]);
    calls[0]!.reject(new Error("connection lost"));
    await expect(a).rejects.toThrow("connection lost");
    await settle();
    void snapshot("s1");
    expect(calls.map((c) => c.schoolId)).toEqual(["s1", "s2", "s1"]);
  });
});
