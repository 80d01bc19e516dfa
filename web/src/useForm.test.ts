import { describe, expect, it } from "vitest";
import { ApiError, OfflineError } from "./api";
import { problemOf, serverMessageOr, submit, type FormState } from "./useForm";

/** Runs `submit` and keeps every state it reports, as React would apply them. */
async function states<T>(work: () => Promise<T>, said?: Parameters<typeof submit<T>>[1], options: Parameters<typeof submit<T>>[2] = {}) {
  let state: FormState = { problems: [], status: "before", busy: false };
  const seen: FormState[] = [];
  const ok = await submit(work, said, options, (change) => {
    state = { ...state, ...change };
    seen.push(state);
  });
  return { ok, seen, last: state };
}

describe("problemOf", () => {
  it("links the server's field to its control, or the field its path starts with", () => {
    const fields = { reviewOn: "review-on", children: "pick-children" };
    expect(problemOf(new ApiError(400, "Enter a date", "reviewOn"), fields)).toEqual({ id: "review-on", message: "Enter a date" });
    expect(problemOf(new ApiError(400, "Choose a child", "children[0]"), fields)).toEqual({ id: "pick-children", message: "Choose a child" });
    expect(problemOf(new ApiError(400, "Bad", "other.thing"), fields)).toEqual({ id: undefined, message: "Bad" });
  });

  it("says the policy clause with the message, and words a lost connection", () => {
    expect(problemOf(new ApiError(422, "A second person is needed", undefined, "coteford 3.2"))).toEqual({ message: "A second person is needed (coteford 3.2)" });
    expect(problemOf(new OfflineError("No signal")).message).toBe("No signal");
    expect(problemOf("odd").message).toBe("odd");
  });

  it("words a failure the page's way when it has one", () => {
    const explain = serverMessageOr("Could not reach the server.");
    expect(problemOf(new ApiError(401, "Wrong password"), {}, explain).message).toBe("Wrong password");
    expect(problemOf(new TypeError("fetch failed"), {}, explain).message).toBe("Could not reach the server.");
  });
});

describe("submit", () => {
  it("is busy while the write runs, then shows the answer (or the words given) and runs onDone", async () => {
    let done = 0;
    const a = await states(async () => "Saved.");
    expect(a.ok).toBe(true);
    expect(a.seen[0]).toEqual({ problems: [], status: null, busy: true });
    expect(a.last).toEqual({ problems: [], status: "Saved.", busy: false });

    const b = await states(async () => ({ n: 3 }), (r) => `${r.n} sent.`, { onDone: () => void done++ });
    expect(b.last.status).toBe("3 sent.");
    expect(done).toBe(1);

    const c = await states(async () => undefined, "Agreed.");
    expect(c.last.status).toBe("Agreed.");
  });

  it("keeps the problem when the write fails, and does not run onDone", async () => {
    let done = 0;
    const r = await states(
      async () => {
        throw new ApiError(400, "Enter a reason", "reason");
      },
      "never",
      { fields: { reason: "cancel-reason" }, onDone: () => void done++ },
    );
    expect(r.ok).toBe(false);
    expect(r.last).toEqual({ problems: [{ id: "cancel-reason", message: "Enter a reason" }], status: null, busy: false });
    expect(done).toBe(0);
  });

  it("shows a failed reload after a write as the problem", async () => {
    const r = await states(async () => "Saved.", undefined, {
      onDone: async () => {
        throw new Error("The list could not be loaded.");
      },
    });
    expect(r.ok).toBe(false);
    expect(r.last).toEqual({ problems: [{ message: "The list could not be loaded." }], status: null, busy: false });
  });
});
