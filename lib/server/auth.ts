// better-auth: email + password, sessions in our database, roles from its admin plugin (docs/stack.md).
// Public sign-up is off: the first administrator is created server-side (setup), the rest by admins.
import "server-only";
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { prismaAdapter } from "@better-auth/prisma-adapter";
import { admin } from "better-auth/plugins";
import { nextCookies } from "better-auth/next-js";
import { appUrl, authSecret, databaseUrl, isPostgres, trustedOrigins } from "./config";
import { getDb } from "./db";
import { clientIp, clientIpHeader, loginSucceeded, reserveLoginAttempt } from "./login-throttle";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from "./password-policy";
import { recordAudit } from "./audit";

/** The longest display name (the same bound as a user created on the Users page). */
export const USER_NAME_MAX = 80;
/** better-auth endpoints that set a password, and the body field carrying it. */
const PASSWORD_FIELDS: Record<string, string> = {
  "/change-password": "newPassword",
  "/set-password": "newPassword",
  "/reset-password": "newPassword",
  "/admin/set-user-password": "newPassword",
  "/admin/create-user": "password",
};

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

const bodyOf = (ctx: HookContext) => (ctx.body ?? {}) as Record<string, unknown>;

/**
 * Rules on better-auth's own endpoints (issue 12 points 6, 9): a profile update may change the name only,
 * within USER_NAME_MAX; every new password follows the password policy.
 */
function checkAuthRequest(ctx: HookContext): void {
  const body = bodyOf(ctx);
  if (ctx.path === "/update-user") {
    const extra = Object.keys(body).filter((k) => k !== "name");
    const name = typeof body.name === "string" ? body.name.trim() : null;
    if (extra.length > 0 || name === null || name.length === 0 || name.length > USER_NAME_MAX) {
      throw new APIError("BAD_REQUEST", { message: `Only the name can change, 1 to ${USER_NAME_MAX} characters.`, code: "INVALID_PROFILE" });
    }
  }
  const field = PASSWORD_FIELDS[ctx.path];
  if (field && typeof body[field] === "string" && passwordProblem(body[field]) === "common") {
    throw new APIError("BAD_REQUEST", { message: "This password is too common.", code: "PASSWORD_TOO_COMMON" });
  }
}

/** Profile and password changes made through better-auth are audited like changes made through our services. */
function auditAuthChange(ctx: HookContext): void {
  if (ctx.path !== "/update-user" && ctx.path !== "/change-password") return;
  const user = ctx.context.session?.user as { id: string; email: string; name: string } | undefined;
  if (!user) return;
  const actor = { id: user.id, email: user.email };
  if (ctx.path === "/update-user") {
    recordAudit({ actor, action: "user.profile", targetType: "user", targetId: user.id, before: { name: user.name }, after: { name: String(bodyOf(ctx).name).trim() } });
  } else {
    recordAudit({ actor, action: "user.password", targetType: "user", targetId: user.id, note: "password changed" });
  }
}

function createAuth() {
  return betterAuth({
    appName: "Dialboard",
    baseURL: appUrl(),
    trustedOrigins: trustedOrigins(),
    secret: authSecret(),
    database: prismaAdapter(getDb() as never, { provider: isPostgres(databaseUrl()) ? "postgresql" : "sqlite" }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: PASSWORD_MIN_LENGTH, maxPasswordLength: PASSWORD_MAX_LENGTH },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    user: { additionalFields: { locale: { type: "string", required: false, input: false } } },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: { "/sign-in/email": { window: 60, max: 30 } },
    },
    advanced: {
      useSecureCookies: process.env.NODE_ENV === "production" && appUrl().startsWith("https://"),
      // docs/stack.md: better-auth keys its limiter on a client-supplied X-Forwarded-For unless told which header
      // to trust. It reads the socket address our server writes (scripts/server.mjs), or the header of a
      // reverse proxy you control (DIALBOARD_TRUSTED_IP_HEADER).
      ipAddress: { ipAddressHeaders: [clientIpHeader()] },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        checkAuthRequest(ctx);
        if (ctx.path !== "/sign-in/email") return;
        const email = String((ctx.body as { email?: string } | undefined)?.email ?? "").toLowerCase().slice(0, 254);
        // Reserved before the password is checked, so a concurrent burst cannot slip past (login-throttle.ts).
        const wait = await reserveLoginAttempt(email, clientIp(ctx.headers ?? ctx.request?.headers));
        if (wait > 0) {
          throw new APIError("TOO_MANY_REQUESTS", { message: "Too many attempts", code: "THROTTLED", retryAfter: wait });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        const returned = ctx.context.returned;
        if (!(returned instanceof APIError || returned instanceof Error)) auditAuthChange(ctx);
        if (ctx.path !== "/sign-in/email") return;
        const email = String((ctx.body as { email?: string } | undefined)?.email ?? "").toLowerCase().slice(0, 254);
        if (!(returned instanceof APIError || returned instanceof Error)) await loginSucceeded(email, clientIp(ctx.headers ?? ctx.request?.headers));
      }),
    },
    plugins: [admin({ defaultRole: "viewer", adminRoles: ["admin"] }), nextCookies()],
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const g = globalThis as unknown as { dialboardAuth?: Auth };

export function getAuth(): Auth {
  g.dialboardAuth ??= createAuth();
  return g.dialboardAuth;
}
