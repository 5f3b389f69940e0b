// Who is asking. Every server action and route handler goes through getActor(); pages through requirePageActor().
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "./auth";
import { AppError } from "./errors";
import { isRole, roleAtLeast, type Role } from "./roles";
import { hasAnyUser } from "./services/users";

export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export async function getActorFromHeaders(h: Headers): Promise<Actor | null> {
  const session = await getAuth().api.getSession({ headers: h });
  if (!session) return null;
  const user = session.user as typeof session.user & { role?: string; banned?: boolean | null };
  if (user.banned || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function getActor(): Promise<Actor | null> {
  return getActorFromHeaders(await headers());
}

export async function requireActor(role: Role): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHORIZED");
  if (!roleAtLeast(actor.role, role)) throw new AppError("FORBIDDEN");
  return actor;
}

/** For pages: no users yet → /setup; no session → /login; too low a role → the overview. */
export async function requirePageActor(role: Role = "viewer"): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect((await hasAnyUser()) ? "/login" : "/setup");
  // The overview says why (the role the page needs), instead of a silent redirect.
  if (!roleAtLeast(actor.role, role)) redirect(`/?denied=1&role=${role}`);
  return actor;
}
