// `npm start`: applies migrations, builds if the sources changed since the last build, starts the
// built-in simulators and their demo accounts in the embedded mode, then serves the app.
//   --dev   run `next dev` instead of a production build
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DATA_DIR, databaseUrl, embeddedMode } from "../lib/server/config";
import { applyMigrations } from "../lib/server/migrations";
import { prepareEmbedded } from "./embedded";

const root = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
process.env.NEXT_TELEMETRY_DISABLED = "1";

const SOURCES = ["app", "components", "lib", "i18n", "messages", "public", "next.config.js", "postcss.config.mjs", "package.json", "prisma/schema.prisma", "proxy.ts", "instrumentation.ts"];

function sourceHash(): string {
  const hash = createHash("sha256");
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name === "generated" || name === "node_modules" || name.endsWith(".test.ts")) continue;
        walk(path.join(p, name));
      }
    } else {
      hash.update(path.relative(root, p)).update(String(st.size)).update(String(st.mtimeMs));
    }
  };
  for (const s of SOURCES) walk(path.join(root, s));
  return hash.digest("hex");
}

function buildIfNeeded(): void {
  const distDir = path.join(root, process.env.DIALBOARD_DIST_DIR ?? ".next");
  const stamp = path.join(distDir, "dialboard-source-hash");
  const current = sourceHash();
  if (existsSync(path.join(distDir, "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === current) return;
  console.log("Building Dialboard (first start or sources changed)…");
  const res = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, stdio: "inherit", env: process.env });
  if (res.status !== 0) process.exit(res.status ?? 1);
  writeFileSync(stamp, current);
}

async function main() {
  const url = databaseUrl();
  const applied = await applyMigrations(url, root);
  console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");

  // Build before the simulators start: their webhooks would otherwise hit a server that is not up yet.
  if (!dev) buildIfNeeded();
  let stopEmbedded: () => Promise<void> = async () => {};
  if (embeddedMode()) {
    stopEmbedded = await prepareEmbedded();
  }

  const port = process.env.PORT ?? "3000";
  // scripts/server.mjs: Next behind a server that passes on the socket address (sign-in throttling).
  const next = spawn(process.execPath, [path.join(root, "scripts/server.mjs"), ...(dev ? ["--dev"] : [])], {
    cwd: root,
    // The channel tells the server when this process is gone, however it went (see server.mjs).
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env: { ...process.env, PORT: port, NODE_ENV: dev ? "development" : "production", DIALBOARD_DATA_DIR: DATA_DIR },
  });
  console.log(`Dialboard: http://localhost:${port}`);
  const shutdown = async () => {
    next.kill("SIGTERM");
    await stopEmbedded();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  next.on("exit", async (code) => {
    await stopEmbedded();
    process.exit(code ?? 0);
  });
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
