import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "bench/**/*.test.ts", "web/src/**/*.test.ts"],
    // PGlite takes seconds to start; argon2id takes 100 ms a hash.
    testTimeout: 30_000,
    hookTimeout: 180_000, // a fresh PGlite or PostgreSQL database per file: slow when two cores are shared
    // expect.poll waits for things sent after an answer (an email from an outbox): a second is
    // plenty on an idle machine and too little on two shared cores.
    expect: { poll: { timeout: 10_000 } },
    pool: "forks",
    maxWorkers: 2,
  },
});
