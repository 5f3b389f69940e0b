// Users and roles. better-auth owns passwords and sessions; role and activation changes go through here
// so they are checked, audited, and revoke sessions where they must.
import "server-only";
import type { TFirstAdmin, TNewUser } from "../../contracts/users";
import { catalogText } from "../../domain/text";
import en from "../../../messages/en/forms.json";
import zh from "../../../messages/zh-CN/forms.json";
import { getAuth } from "../auth";
import { recordAudit, type AuditActor } from "../audit";
import { getDb } from "../db";
import { AppError } from "../errors";
import { leaseOwner, withLease } from "../mirror/lease";
import { isCommonPassword } from "../password-policy";
import type { Role } from "../roles";

const text = catalogText(en, zh);

export async function hasAnyUser(): Promise<boolean> {
  return (await getDb().user.count()) > 0;
}

async function createWithPassword(input: TNewUser): Promise<{ id: string; email: string }> {
  // The list of common passwords is too big for the browser: the form's schema checks the length, this the list.
  if (isCommonPassword(input.password)) throw new AppError("INVALID", text("user.passwordCommon"), "password");
  try {
    const { user } = await getAuth().api.createUser({
      body: { email: input.email, password: input.password, name: input.name, role: input.role as "admin" },
    });
    return { id: user.id, email: user.email };
  } catch (e) {
    if ((e as { body?: { code?: string } }).body?.code === "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL") {
      throw new AppError("ALREADY_EXISTS", text("user.emailTaken"), "email");
    }
    throw e;
  }
}

/** One setup at a time: concurrent requests cannot each see "no user yet" and each create an admin. */
const SETUP_LEASE = "setup:first-admin";
const SETUP_LEASE_MS = 60_000;

/**
 * Setup: only while there is no user at all; afterwards it is refused. Atomic (issue 12 point 5): the check
 * and the creation run under a database lease, so of concurrent setups exactly one creates the administrator
 * and the others are refused. A crashed setup's lease expires and setup can be done again.
 */
export async function createFirstAdmin(input: TFirstAdmin): Promise<{ id: string }> {
  const created = await withLease(SETUP_LEASE, leaseOwner(), SETUP_LEASE_MS, async () => {
    if (await hasAnyUser()) return null;
    return createWithPassword({ ...input, role: "admin" });
  });
  if (!created) throw new AppError("SETUP_DONE");
  const user = created;
  recordAudit({
    actor: { id: user.id, email: user.email },
    action: "user.setup",
    targetType: "user",
    targetId: user.id,
    after: { email: user.email, role: "admin" },
  });
  return { id: user.id };
}

export async function createUser({ actor, data }: { actor: AuditActor; data: TNewUser }): Promise<{ id: string }> {
  const user = await createWithPassword(data);
  recordAudit({ actor, action: "user.create", targetType: "user", targetId: user.id, after: { email: data.email, name: data.name, role: data.role } });
  return { id: user.id };
}

export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: string;
  active: boolean;
  createdAt: Date;
}

export async function listUsers(): Promise<UserRow[]> {
  const rows = await getDb().user.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, email: true, role: true, banned: true, createdAt: true },
  });
  return rows.map(({ banned, ...r }) => ({ ...r, active: !banned }));
}

async function activeAdminCount(): Promise<number> {
  return getDb().user.count({ where: { role: "admin", banned: false } });
}

async function loadUser(userId: string) {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true, banned: true } });
  if (!user) throw new AppError("NOT_FOUND");
  return user;
}

const LAST_ADMIN = text("user.lastAdmin");

export async function setUserRole({ actor, userId, role }: { actor: AuditActor; userId: string; role: Role }): Promise<void> {
  const user = await loadUser(userId);
  if (user.role === role) return;
  if (user.role === "admin" && !user.banned && (await activeAdminCount()) <= 1) throw new AppError("CONFLICT", LAST_ADMIN, "role");
  await getDb().user.update({ where: { id: userId }, data: { role } });
  recordAudit({ actor, action: "user.role", targetType: "user", targetId: userId, before: { email: user.email, role: user.role }, after: { email: user.email, role } });
}

export async function setUserActive({ actor, userId, active }: { actor: AuditActor; userId: string; active: boolean }): Promise<void> {
  const user = await loadUser(userId);
  if (user.banned === !active) return;
  if (!active && user.role === "admin" && (await activeAdminCount()) <= 1) throw new AppError("CONFLICT", LAST_ADMIN, "active");
  if (!active && user.id === actor.id) {
    throw new AppError("CONFLICT", text("user.deactivateSelf"), "active");
  }
  const db = getDb();
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { banned: !active, banReason: active ? null : "deactivated" } }),
    ...(active ? [] : [db.session.deleteMany({ where: { userId } })]),
  ]);
  recordAudit({
    actor,
    action: active ? "user.activate" : "user.deactivate",
    targetType: "user",
    targetId: userId,
    before: { email: user.email, active: !user.banned },
    after: { email: user.email, active },
  });
}
