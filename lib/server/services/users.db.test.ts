import { beforeEach, describe, expect, it } from "vitest";
import { flushAudit } from "../audit";
import { getAuth } from "../auth";
import { AppError } from "../errors";
import { CLIENT_IP_HEADER, IP_FREE_FAILURES, reserveLoginAttempt } from "../login-throttle";
import { freshDatabase } from "../testing/db";
import { ZFirstAdmin } from "../../contracts/users";
import { listAudit } from "./audit-log";
import { createFirstAdmin, createUser, hasAnyUser, listUsers, setUserActive, setUserRole } from "./users";

const admin = { name: "Admin", email: "admin@example.com", password: "s3cret-pass" };

/** A sign-in as our server passes it on: the socket address in CLIENT_IP_HEADER, and whatever X-Forwarded-For the client sent. */
async function signIn(email: string, password: string, ip = "203.0.113.5", forwardedFor = "10.9.9.9") {
  return getAuth().handler(
    new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000", [CLIENT_IP_HEADER]: ip, "x-forwarded-for": forwardedFor },
      body: JSON.stringify({ email, password }),
    }),
  );
}

async function authPost(path: string, body: unknown, cookie: string) {
  return getAuth().handler(
    new Request(`http://localhost:3000/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000", cookie, [CLIENT_IP_HEADER]: "203.0.113.5" },
      body: JSON.stringify(body),
    }),
  );
}

describe("users and roles", () => {
  beforeEach(async () => {
    await freshDatabase();
  });

  it("creates the first administrator once, then refuses setup", async () => {
    expect(await hasAnyUser()).toBe(false);
    await createFirstAdmin(admin);
    const [u] = await listUsers();
    expect(u).toMatchObject({ email: admin.email, role: "admin", active: true });
    await expect(createFirstAdmin({ ...admin, email: "second@example.com" })).rejects.toMatchObject({ code: "SETUP_DONE" });
    expect(await listUsers()).toHaveLength(1);
  });

  it("signs in with the right password only; failures slow down that email from that client, not from others", async () => {
    await createFirstAdmin(admin);
    expect((await signIn(admin.email, admin.password)).status).toBe(200);
    // An attacker who knows the email, rotating X-Forwarded-For: the socket address is what counts.
    for (let i = 0; i < 5; i++) {
      expect((await signIn(admin.email, "wrong-password", "198.51.100.7", `10.0.0.${i}`)).status).toBe(401);
    }
    const throttled = await signIn(admin.email, admin.password, "198.51.100.7", "10.0.0.99");
    expect(throttled.status).toBe(429);
    // The administrator, from their own client, is not locked out.
    expect((await signIn(admin.email, admin.password, "203.0.113.5")).status).toBe(200);
    // Another account is not affected either.
    await createUser({ actor: { id: null, email: "system" }, data: { name: "V", email: "v@example.com", password: "viewer-pass", role: "viewer" } });
    expect((await signIn("v@example.com", "viewer-pass", "198.51.100.7")).status).toBe(200);
  });

  it("throttles a burst of 20 concurrent wrong passwords after 5, the right one hidden in it included", async () => {
    await createFirstAdmin(admin);
    const burst = (ip: string, passwords: string[]) => Promise.all(passwords.map((password) => signIn(admin.email, password, ip).then((r) => r.status)));
    const wrong = Array.from({ length: 20 }, (_, i) => `wrong-password-${i}`);
    // Exactly 5 passwords are checked; the other 15 are refused before any check.
    const statuses = await burst("198.51.100.8", wrong);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    // Right after the burst, the right password from that client waits too.
    expect((await signIn(admin.email, admin.password, "198.51.100.8")).status).toBe(429);
    // The right password hidden among 19 wrong ones is one of 20 guesses, of which only 5 are checked.
    const hidden = await burst("198.51.100.11", [...wrong.slice(0, 19), admin.password]);
    expect(hidden.filter((s) => s !== 429)).toHaveLength(5);
  });

  it("limits one client across emails (an IP limit keyed on the socket address)", async () => {
    await createFirstAdmin(admin);
    expect((await signIn("nobody@example.com", "wrong-password", "198.51.100.9")).status).toBe(401);
    // The rest of the failures counted straight through the throttle (each real check costs a password hash).
    for (let i = 1; i < IP_FREE_FAILURES; i++) expect(await reserveLoginAttempt(`nobody-${i}@example.com`, "198.51.100.9")).toBe(0);
    expect((await signIn("someone-else@example.com", "wrong-password", "198.51.100.9")).status).toBe(429);
    expect((await signIn(admin.email, admin.password, "198.51.100.10")).status).toBe(200);
  });

  it("creates exactly one administrator from 10 concurrent setups", async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => createFirstAdmin({ name: `Admin ${i}`, email: `admin-${i}@example.com`, password: "s3cret-pass" })),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    for (const a of attempts) if (a.status === "rejected") expect(a.reason).toMatchObject({ code: "SETUP_DONE" });
    const users = await listUsers();
    expect(users).toHaveLength(1);
    expect(users[0].role).toBe("admin");
  });

  it("refuses passwords shorter than 10 characters or on the common-password list", async () => {
    // The form's schema (checked in the browser too) holds the length; the service holds the list.
    expect(ZFirstAdmin.safeParse({ ...admin, password: "short-pw1" }).success).toBe(false);
    expect(ZFirstAdmin.safeParse(admin).success).toBe(true);
    for (const common of ["1234567890", "qwertyuiop", "Password123", "iloveyou12"]) {
      await expect(createFirstAdmin({ ...admin, password: common }), common).rejects.toMatchObject({
        code: "INVALID",
        field: "password",
        userMessage: { en: "This password is too common. Choose another one.", zh: "该密码过于常见，请换一个。" },
      });
    }
    expect(await hasAnyUser()).toBe(false);
  });

  it("refuses a duplicate email with a field error", async () => {
    await createFirstAdmin(admin);
    const err = await createUser({ actor: { id: null, email: "a" }, data: { name: "X", email: admin.email, password: "another-pass", role: "viewer" } }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "ALREADY_EXISTS", field: "email" });
  });

  it("keeps at least one active administrator, and deactivation signs the user out", async () => {
    const { id: adminId } = await createFirstAdmin(admin);
    const actor = { id: adminId, email: admin.email };
    await expect(setUserRole({ actor, userId: adminId, role: "viewer" })).rejects.toMatchObject({ code: "CONFLICT" });

    const { id: mgrId } = await createUser({ actor, data: { name: "M", email: "m@example.com", password: "manager-pass", role: "manager" } });
    expect((await signIn("m@example.com", "manager-pass")).status).toBe(200);
    await setUserActive({ actor, userId: mgrId, active: false });
    const db = (await import("../db")).getDb();
    expect(await db.session.count({ where: { userId: mgrId } })).toBe(0);
    expect((await signIn("m@example.com", "manager-pass")).status).not.toBe(200);
    await setUserActive({ actor, userId: mgrId, active: true });
    expect((await signIn("m@example.com", "manager-pass")).status).toBe(200);
  });

  it("writes audit entries for user management, filterable by user, action and date", async () => {
    const { id: adminId } = await createFirstAdmin(admin);
    const actor = { id: adminId, email: admin.email };
    const { id } = await createUser({ actor, data: { name: "V", email: "v@example.com", password: "viewer-pass", role: "viewer" } });
    await setUserRole({ actor, userId: id, role: "manager" });
    await setUserActive({ actor, userId: id, active: false });
    await flushAudit();

    const all = await listAudit({ page: 1 });
    expect(all.rows.map((r) => r.action)).toEqual(["user.deactivate", "user.role", "user.create", "user.setup"]);
    const role = all.rows.find((r) => r.action === "user.role")!;
    expect(JSON.parse(role.summary)).toEqual({ before: { role: "viewer" }, after: { role: "manager" } });

    expect((await listAudit({ page: 1, action: "user.role" })).total).toBe(1);
    expect((await listAudit({ page: 1, user: "nobody@example.com" })).total).toBe(0);
    // Days on the Audit page are China days (the zone its times are shown in): the day of the entries
    // themselves, so a run that crosses China midnight cannot split them.
    const chinaDay = (at: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(at);
    const days = [...new Set(all.rows.map((r) => chinaDay(r.at)))].sort();
    expect((await listAudit({ page: 1, from: days[0], to: days.at(-1) })).total).toBe(4);
    expect((await listAudit({ page: 1, to: "2020-01-01" })).total).toBe(0);
  });

  it("limits profile and password changes made through better-auth's endpoints, and audits them", async () => {
    const { id } = await createFirstAdmin(admin);
    const session = await signIn(admin.email, admin.password);
    const cookie = (session.headers.get("set-cookie") ?? "").split(";")[0];
    expect(cookie).toMatch(/session_token=/);

    expect((await authPost("/update-user", { name: "x".repeat(81) }, cookie)).status).toBe(400);
    expect((await authPost("/update-user", { name: "   " }, cookie)).status).toBe(400);
    expect((await authPost("/update-user", { name: "Li Wei", image: "https://evil.example/x.png" }, cookie)).status).toBe(400);
    expect((await authPost("/update-user", { name: "Li Wei" }, cookie)).status).toBe(200);
    expect((await listUsers())[0].name).toBe("Li Wei");

    expect((await authPost("/change-password", { currentPassword: admin.password, newPassword: "1234567890" }, cookie)).status).toBe(400);
    expect((await authPost("/change-password", { currentPassword: admin.password, newPassword: "a-much-better-pass" }, cookie)).status).toBe(200);
    await flushAudit();
    const audit = await listAudit({ page: 1 });
    const profile = audit.rows.find((r) => r.action === "user.profile");
    expect(profile).toMatchObject({ targetId: id });
    expect(JSON.parse(profile!.summary)).toEqual({ before: { name: "Admin" }, after: { name: "Li Wei" } });
    expect(audit.rows.map((r) => r.action)).toContain("user.password");
    expect(JSON.stringify(audit.rows)).not.toContain("a-much-better-pass");
  });
});
