import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/server/session";
import { roleAtLeast, ROLES, type Role } from "@/lib/server/roles";
import { freshDatabase } from "@/lib/server/testing/db";
import type { Access, ActionRow, FeatureAuthz, RouteRow } from "./authz-matrix";

// Who is calling: set per cell. The real middleware and services run; only the session lookup is replaced.
const current: { actor: Actor | null } = { actor: null };
vi.mock("@/lib/server/session", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/server/session")>();
  return {
    ...real,
    getActor: async () => current.actor,
    getActorFromHeaders: async () => current.actor,
    requireActor: async (role: Role) => {
      const { AppError } = await import("@/lib/server/errors");
      if (!current.actor) throw new AppError("UNAUTHORIZED");
      if (!roleAtLeast(current.actor.role, role)) throw new AppError("FORBIDDEN");
      return current.actor;
    },
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/headers", () => {
  const jar = new Map<string, string>();
  return {
    cookies: async () => ({ get: (k: string) => (jar.has(k) ? { name: k, value: jar.get(k) } : undefined), set: (k: string, v: string) => jar.set(k, v) }),
    headers: async () => new Headers(),
  };
});

const APP = path.resolve(import.meta.dirname);
function walk(dir: string, match: (f: string) => boolean, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, match, out);
    else if (match(name)) out.push(p);
  }
  return out;
}

// Every feature's rows (app/**/authz.ts), merged; a name defined twice is an error.
const ACTION_MATRIX: Record<string, ActionRow> = {};
const ROUTE_MATRIX: Record<string, RouteRow> = {};
const duplicates: string[] = [];
for (const file of walk(APP, (f) => f === "authz.ts")) {
  const { authz } = (await import(file)) as { authz: FeatureAuthz };
  for (const [k, v] of Object.entries(authz.actions ?? {})) {
    if (k in ACTION_MATRIX) duplicates.push(k);
    else ACTION_MATRIX[k] = v;
  }
  for (const [k, v] of Object.entries(authz.routes ?? {})) {
    if (k in ROUTE_MATRIX) duplicates.push(k);
    else ROUTE_MATRIX[k] = v;
  }
}

const CALLERS: (Role | "anonymous")[] = ["anonymous", ...ROLES];
const allowed = (access: Access, caller: Role | "anonymous") => access === "public" || (caller !== "anonymous" && roleAtLeast(caller, access));
const actorFor = (caller: Role | "anonymous"): Actor | null =>
  caller === "anonymous" ? null : { id: `user-${caller}`, email: `${caller}@example.com`, name: caller, role: caller };

type ActionFn = (input: unknown) => Promise<{ serverError?: { code: string }; validationErrors?: unknown; data?: unknown } | undefined>;
const actions = new Map<string, ActionFn>();

beforeAll(async () => {
  await freshDatabase();
  // A user exists, so setup refuses itself (SETUP_DONE is not an authorization error).
  const { createFirstAdmin } = await import("@/lib/server/services/users");
  await createFirstAdmin({ name: "Admin", email: "admin@example.com", password: "admin-pass-1" });
  for (const file of walk(APP, (f) => f === "actions.ts")) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) if (typeof fn === "function") actions.set(name, fn as ActionFn);
  }
});

describe("authorization matrix: server actions", () => {
  it("every exported server action has exactly one row, and every row an action", async () => {
    expect(duplicates).toEqual([]);
    const { ACTION_REGISTRY } = await import("@/lib/server/action-client");
    expect([...actions.keys()].sort()).toEqual(Object.keys(ACTION_MATRIX).sort());
    // Each action is registered under its export name with the role the matrix states.
    for (const [name, row] of Object.entries(ACTION_MATRIX)) expect(ACTION_REGISTRY.get(name), name).toBe(row.access);
  });

  for (const [name, row] of Object.entries(ACTION_MATRIX)) {
    for (const caller of CALLERS) {
      const ok = allowed(row.access, caller);
      it(`${name} × ${caller} → ${ok ? "allowed" : "refused"}`, async () => {
        current.actor = actorFor(caller);
        const fn = actions.get(name);
        expect(fn, `${name} is exported from an actions.ts`).toBeDefined();
        const res = await fn!(row.input);
        const code = res?.serverError?.code;
        if (ok) expect(["UNAUTHORIZED", "FORBIDDEN"]).not.toContain(code);
        else expect(code).toBe(caller === "anonymous" ? "UNAUTHORIZED" : "FORBIDDEN");
      });
    }
  }
});

describe("authorization matrix: route handlers", () => {
  const routeFiles = walk(APP, (f) => f === "route.ts").map((f) => path.relative(APP, f));

  it("every route handler has a row for each method it exports", async () => {
    expect(routeFiles.sort()).toEqual(Object.keys(ROUTE_MATRIX).sort());
    for (const file of routeFiles) {
      const src = readFileSync(path.join(APP, file), "utf8");
      const methods = [...src.matchAll(/export (?:async )?(?:function|const) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
      expect(methods.sort(), file).toEqual(Object.keys(ROUTE_MATRIX[file].methods).sort());
    }
  });

  for (const [file, spec] of Object.entries(ROUTE_MATRIX)) {
    for (const [method, access] of Object.entries(spec.methods)) {
      for (const caller of CALLERS) {
        const ok = allowed(access, caller);
        it(`${method} ${file} × ${caller} → ${ok ? "allowed" : "refused"}`, async () => {
          current.actor = actorFor(caller);
          const mod = (await import(path.join(APP, file))) as Record<string, (req: Request, ctx: unknown) => Promise<Response>>;
          const req = new Request(spec.url, { method, body: method === "GET" ? undefined : (spec.body ?? "{}") });
          const res = await mod[method](req, { params: Promise.resolve(spec.params ?? {}) });
          if (ok) expect([401, 403]).not.toContain(res.status);
          else expect([401, 403]).toContain(res.status);
        });
      }
    }
  }
});
