// The authorization matrix: every server action and route handler, with the least role that may call it.
// app/authz-matrix.db.test.ts calls each one as anonymous, viewer, manager and admin and checks that only
// the allowed cells get through — and fails when an action or route exists without a row here.
import type { Role } from "@/lib/server/roles";

/** "public" = anyone, anonymous included (the action or route authorizes itself: setup, signatures). */
export type Access = Role | "public";

export interface ActionRow {
  access: Access;
  /** A sample input; it need not be valid — a validation error still proves authorization passed. */
  input: unknown;
}

export const ACTION_MATRIX: Record<string, ActionRow> = {
  // app/locale/actions.ts — a cookie, no data.
  setLocaleAction: { access: "public", input: { locale: "en" } },
  // app/(auth)/setup/actions.ts — refuses itself once a user exists.
  createFirstAdminAction: { access: "public", input: { name: "", email: "x", password: "" } },
  // app/(app)/users/actions.ts
  createUserAction: { access: "admin", input: { name: "", email: "bad", password: "", role: "viewer" } },
  setUserRoleAction: { access: "admin", input: { userId: "nobody", role: "viewer" } },
  setUserActiveAction: { access: "admin", input: { userId: "nobody", active: true } },
};

/** Route handlers: file under app/ → method → access. */
export const ROUTE_MATRIX: Record<string, Record<string, Access>> = {
  "api/health/route.ts": { GET: "public" },
  // better-auth's own endpoints: sign-in/out and session; public by nature, sign-up disabled.
  "api/auth/[...all]/route.ts": { GET: "public", POST: "public" },
};

/** Routes whose access is checked by the route itself with a role (a request for each role is made). */
export const ROUTE_REQUESTS: Record<string, { method: string; url: string; params?: Record<string, string>; body?: string }> = {
  "api/health/route.ts": { method: "GET", url: "http://localhost/api/health" },
  "api/auth/[...all]/route.ts": { method: "GET", url: "http://localhost/api/auth/get-session" },
};
