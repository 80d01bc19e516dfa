import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "bench/**/*.test.ts", "web/src/**/*.test.ts"],
    // PGlite takes seconds to start; argon2id takes 100 ms a hash.
    testTimeout: 30_000,
    hookTimeout: 180_000, // a fresh PGlite or PostgreSQL database per file: slow when two cores are shared
    pool: "forks",
    maxWorkers: 2,
  },
});
