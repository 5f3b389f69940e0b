// Every server action is built from these clients (STYLE.md, formbricks): validate → authorize → one
// service → typed result. authedAction() registers the action's minimum role so the authorization
// matrix test can prove every action has a row.
import "server-only";
import { createSafeActionClient } from "next-safe-action";
import { z } from "zod";
import type { ActionFailure } from "../contracts/errors";
import { AppError, GENERIC_FAILURE } from "./errors";
import { logger } from "./logger";
import { ROLES, roleAtLeast, type Role } from "./roles";
import { getActor } from "./session";

function handleServerError(e: Error): ActionFailure {
  if (e instanceof AppError) return { code: e.code, message: e.userMessage, field: e.field };
  logger.error({ err: { name: e.name, message: e.message, stack: e.stack } }, "server action failed");
  return GENERIC_FAILURE;
}

const base = createSafeActionClient({
  defineMetadataSchema: () => z.object({ name: z.string(), role: z.enum([...ROLES, "public"]) }),
  handleServerError,
  defaultValidationErrorsShape: "flattened",
});

/** name → minimum role ("public" for the setup action). Filled as action modules load. */
export const ACTION_REGISTRY = new Map<string, Role | "public">();

const authed = base.use(async ({ next, metadata }) => {
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHORIZED");
  if (metadata.role !== "public" && !roleAtLeast(actor.role, metadata.role)) throw new AppError("FORBIDDEN");
  return next({ ctx: { actor } });
});

/** An action that needs a session with at least `role`. `name` must equal the exported function's name. */
export function authedAction(name: string, role: Role) {
  ACTION_REGISTRY.set(name, role);
  return authed.metadata({ name, role });
}

/** An action open to anonymous callers; it must authorize itself (setup checks that no user exists). */
export function publicAction(name: string) {
  ACTION_REGISTRY.set(name, "public");
  return base.metadata({ name, role: "public" });
}
