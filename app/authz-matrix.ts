// The authorization matrix: every server action and route handler, with the least role that may call it.
// Rows live beside the feature, in app/**/authz.ts (exporting `actions` and/or `routes`), so features never
// edit each other's rows. app/authz-matrix.db.test.ts calls each as anonymous, viewer, manager and admin,
// checks that only the allowed cells get through, and fails when an action or route has no row.
import type { Role } from "@/lib/server/roles";

/** "public" = anyone, anonymous included (the action or route authorizes itself: setup, signatures). */
export type Access = Role | "public";

export interface ActionRow {
  access: Access;
  /** A sample input; it need not be valid — a validation error still proves authorization passed. */
  input: unknown;
}

export interface RouteRow {
  /** Access per exported method. */
  methods: Record<string, Access>;
  /** The request the test sends (params for dynamic segments). */
  url: string;
  params?: Record<string, string>;
  body?: string;
}

/** Each feature's app/**\/authz.ts exports these. */
export interface FeatureAuthz {
  actions?: Record<string, ActionRow>;
  /** Keyed by the route file's path under app/, e.g. "api/health/route.ts". */
  routes?: Record<string, RouteRow>;
}
