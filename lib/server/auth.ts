// better-auth: email + password, sessions in our database, roles from its admin plugin (STACK.md).
// Public sign-up is off: the first administrator is created server-side (setup), the rest by admins.
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { prismaAdapter } from "@better-auth/prisma-adapter";
import { admin } from "better-auth/plugins";
import { nextCookies } from "better-auth/next-js";
import { appUrl, authSecret, databaseUrl, isPostgres } from "./config";
import { getDb } from "./db";
import { clientIp, clientIpHeader, loginSucceeded, reserveLoginAttempt } from "./login-throttle";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-policy";

function createAuth() {
  return betterAuth({
    appName: "Dialboard",
    baseURL: appUrl(),
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
      // STACK.md: better-auth keys its limiter on a client-supplied X-Forwarded-For unless told which header
      // to trust. It reads the socket address our server writes (scripts/server.mjs), or the header of a
      // reverse proxy you control (DIALBOARD_TRUSTED_IP_HEADER).
      ipAddress: { ipAddressHeaders: [clientIpHeader()] },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const email = String((ctx.body as { email?: string } | undefined)?.email ?? "").toLowerCase().slice(0, 254);
        // Reserved before the password is checked, so a concurrent burst cannot slip past (login-throttle.ts).
        const wait = await reserveLoginAttempt(email, clientIp(ctx.headers ?? ctx.request?.headers));
        if (wait > 0) {
          throw new APIError("TOO_MANY_REQUESTS", { message: "Too many attempts", code: "THROTTLED", retryAfter: wait });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const email = String((ctx.body as { email?: string } | undefined)?.email ?? "").toLowerCase().slice(0, 254);
        const returned = ctx.context.returned;
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
