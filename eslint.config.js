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
);
