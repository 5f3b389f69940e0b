import type { FeatureAuthz } from "./authz-matrix";

// Routes and actions that belong to no single feature.
export const authz: FeatureAuthz = {
  actions: {
    // app/locale/actions.ts: a cookie, no data.
    setLocaleAction: { access: "public", input: { locale: "en" } },
    // app/(auth)/setup/actions.ts: refuses itself once a user exists.
    createFirstAdminAction: { access: "public", input: { name: "", email: "x", password: "" } },
  },
  routes: {
    "api/health/route.ts": { methods: { GET: "public" }, url: "http://localhost/api/health" },
    // better-auth's endpoints (sign-in/out, session): public by nature; sign-up is disabled.
    "api/auth/[...all]/route.ts": { methods: { GET: "public", POST: "public" }, url: "http://localhost/api/auth/get-session" },
  },
};
