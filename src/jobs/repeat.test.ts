import { describe, expect, it } from "vitest";
import { repeatEvery } from "./repeat";

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("repeatEvery", () => {
  it("runs at once, never two rounds together, and a kick during a round asks for one more", async () => {
    let rounds = 0;
    let inFlight = 0;
    let most = 0;
    let release: () => void = () => undefined;
    const loop = repeatEvery(60_000, async () => {
      rounds++;
      most = Math.max(most, ++inFlight);
      await new Promise<void>((r) => (release = r));
      inFlight--;
    }, () => undefined);
    await tick();
    expect(rounds).toBe(1);
    loop.kick();
    loop.kick();
    await tick();
    expect(rounds).toBe(1);
    release();
    await tick();
    expect(rounds).toBe(2);
    release();
    await tick();
    expect(rounds).toBe(2);
    expect(most).toBe(1);
    loop.stop();
    loop.kick();
    await tick();
    expect(rounds).toBe(2);
  });

  it("reports a failed round and goes on", async () => {
    const errors: string[] = [];
    let rounds = 0;
    const loop = repeatEvery(10, async () => {
      rounds++;
      if (rounds === 1) throw new Error("database away");
    }, (e) => errors.push(e.message));
    await new Promise((r) => setTimeout(r, 60));
    loop.stop();
    expect(errors).toEqual(["database away"]);
    expect(rounds).toBeGreaterThan(1);
  });
});
