// Every lib/server module that touches the database, secrets or crypto is marked server-only, so importing it
// from a client component fails the build instead of shipping it to the browser.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.join(import.meta.dirname);
/** Imports that mean "database, secrets or crypto". */
const SENSITIVE = /from "(\.\.?\/)+(db|crypto|config|auth|session|migrations)"|from "node:crypto"|from "better-auth|getDb\(/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === "testing" ? [] : sources(file);
    return /\.tsx?$/.test(name) && !/\.(test|fixture)\./.test(name) ? [file] : [];
  });
}

describe("lib/server", () => {
  it("marks every module touching the database, secrets or crypto server-only", () => {
    const unmarked = sources(ROOT)
      .filter((file) => SENSITIVE.test(readFileSync(file, "utf8")))
      .filter((file) => !readFileSync(file, "utf8").includes('import "server-only";'))
      .map((file) => path.relative(ROOT, file));
    expect(unmarked).toEqual([]);
  });
});
