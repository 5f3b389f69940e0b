// Roles (issue: viewer read only; manager everything but users; admin all).
export const ROLES = ["viewer", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, manager: 1, admin: 2 };

export function isRole(v: unknown): v is Role {
  return typeof v === "string" && (ROLES as readonly string[]).includes(v);
}

export function roleAtLeast(actual: string | null | undefined, required: Role): boolean {
  return isRole(actual) && RANK[actual] >= RANK[required];
}
