import { beforeEach, describe, expect, it } from "vitest";
import { flushAudit } from "../audit";
import { getAuth } from "../auth";
import { AppError } from "../errors";
import { freshDatabase } from "../testing/db";
import { listAudit } from "./audit-log";
import { createFirstAdmin, createUser, hasAnyUser, listUsers, setUserActive, setUserRole } from "./users";

const admin = { name: "Admin", email: "admin@example.com", password: "s3cret-pass" };

async function signIn(email: string, password: string, ip = "203.0.113.5") {
  return getAuth().handler(
    new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000", "x-forwarded-for": ip },
      body: JSON.stringify({ email, password }),
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

  it("signs in with the right password only; failures are throttled per email whatever the IP", async () => {
    await createFirstAdmin(admin);
    expect((await signIn(admin.email, admin.password)).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      expect((await signIn(admin.email, "wrong-password", `198.51.100.${i}`)).status).toBe(401);
    }
    const throttled = await signIn(admin.email, admin.password, "192.0.2.77");
    expect(throttled.status).toBe(429);
    // Another account is not affected.
    await createUser({ actor: { id: null, email: "system" }, data: { name: "V", email: "v@example.com", password: "viewer-pass", role: "viewer" } });
    expect((await signIn("v@example.com", "viewer-pass")).status).toBe(200);
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
});
