import path from "node:path";
import { defineConfig } from "prisma/config";

// docs/stack.md §1: the CLI wants a native schema engine it cannot download here; `generate` never calls it,
// so any existing file will do. A machine that has the real engine keeps using it.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("scripts/schema-engine-stub.sh");

export default defineConfig({
  schema: process.env.PRISMA_SCHEMA ?? "prisma/schema.prisma",
});
