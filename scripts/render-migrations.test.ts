import { mkdtempSync, cpSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderAll, toPostgres } from "./render-migrations";

describe("migration rendering", () => {
  it("the committed migration folders are the rendering of prisma/sql", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mig-"));
    cpSync("prisma/sql", path.join(dir, "prisma/sql"), { recursive: true });
    renderAll(dir);
    for (const f of ["prisma/migrations", "prisma/postgres/migrations"]) {
      for (const name of readdirSync("prisma/sql").map((file) => file.replace(/\.sql$/, ""))) {
        expect(readFileSync(path.join(f, name, "migration.sql"), "utf8")).toBe(readFileSync(path.join(dir, f, name, "migration.sql"), "utf8"));
      }
    }
  });

  it("renders SQLite types for PostgreSQL", () => {
    expect(toPostgres(`"at" DATETIME NOT NULL, "r" REAL`)).toBe(`"at" TIMESTAMP(3) NOT NULL, "r" DOUBLE PRECISION`);
  });
});
