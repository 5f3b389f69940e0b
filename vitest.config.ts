import { defineConfig } from "vitest/config";
import path from "node:path";

// Unit tests and provider-vs-simulator tests (HTTP on loopback, no database): `*.test.ts`.
// Database integration tests (`*.db.test.ts`) run in the "db" project, once per database (scripts/test-integration.sh).
// Tests of what only PostgreSQL offers (`*.pg.test.ts`: several instances on one database) run in the "pg" project,
// which scripts/test-integration.sh runs with the PostgreSQL pass: never skipped, never run on SQLite.
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "lib/server/testing/server-only-stub.ts"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["eslint.config.test.ts", "lib/**/*.test.ts", "simulators/**/*.test.ts", "components/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts", "i18n/**/*.test.ts"],
          exclude: ["**/*.db.test.ts", "**/*.pg.test.ts", "node_modules/**"],
          environment: "node",
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: "db",
          include: ["**/*.db.test.ts"],
          exclude: ["node_modules/**"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 30_000,
          fileParallelism: false,
          env: { NODE_ENV: "test", DIALBOARD_EMBEDDED: "1", BETTER_AUTH_URL: "http://localhost:3000" },
        },
      },
      {
        extends: true,
        test: {
          name: "pg",
          include: ["**/*.pg.test.ts"],
          // After the db project, never beside it: both empty and fill the same database.
          sequence: { groupOrder: 1 },
          exclude: ["node_modules/**"],
          environment: "node",
          testTimeout: 120_000,
          // Starting app instances may include the production build (`next build`) the first time.
          hookTimeout: 900_000,
          fileParallelism: false,
          env: { NODE_ENV: "test", DIALBOARD_EMBEDDED: "1", BETTER_AUTH_URL: "http://localhost:3000" },
        },
      },
    ],
  },
});
