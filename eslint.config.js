import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["web/dist/**", "node_modules/**", "drizzle/**", ".tmp/**", "data/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A forgotten await on a write is a lost check-in or an unaudited change.
      "@typescript-eslint/no-floating-promises": "error",
      // Domain states are unions: every switch must handle every state.
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/domain/**/*.ts"],
    ignores: ["src/domain/**/*.test.ts"],
    rules: {
      // The domain core is pure: no I/O and no clock.
      "no-restricted-imports": ["error", { patterns: ["node:*", "fs", "pg", "drizzle-orm*", "@electric-sql/*", "fastify*"] }],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "The domain never reads the clock: take today as a parameter." },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "The domain never reads the clock: take today as a parameter." },
      ],
    },
  },
  {
    files: ["src/http/**/*.ts"],
    ignores: ["src/http/**/*.test.ts"],
    rules: {
      // The doors are thin: a route parses, checks access and calls a use case in src/app, which reads and writes.
      "no-restricted-imports": ["error", { patterns: [{ group: ["drizzle-orm", "drizzle-orm/*", "**/db/schema", "**/db/schema/*"], message: "No queries in src/http: put them in a use case in src/app/<area>." }] }],
    },
  },
  {
    files: ["src/**/*.ts"],
    // Not src/domain, whose own no-restricted-syntax (no clock reads) this would replace; it holds no queries.
    ignores: ["src/**/*.test.ts", "src/domain/**", "src/app/visits/visit-state.ts"],
    rules: {
      // One writer of a visit's state: every transition goes through the state machine with the visit's real facts.
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='set'][callee.object.callee.property.name='update'][callee.object.arguments.0.name='visits'] > ObjectExpression > Property[key.name='state']",
          message: "A visit's state is written by moveVisit (src/app/visits/visit-state.ts) alone, through the state machine in src/domain/visits.",
        },
      ],
    },
  },
);
