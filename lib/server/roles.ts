// Roles (issue: viewer read only; manager everything but users; admin all). The list itself is in
// lib/contracts/users.ts, where the users page reads it too.
import { ROLES, type Role } from "../contracts/users";

export { ROLES, type Role };

const RANK: Record<Role, number> = { viewer: 0, manager: 1, admin: 2 };

export function isRole(v: unknown): v is Role {
  return typeof v === "string" && (ROLES as readonly string[]).includes(v);
}

export function roleAtLeast(actual: string | null | undefined, required: Role): boolean {
  return isRole(actual) && RANK[actual] >= RANK[required];
}
