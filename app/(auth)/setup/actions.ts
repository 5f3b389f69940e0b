"use server";
import { publicAction } from "@/lib/server/action-client";
import { ZFirstAdmin } from "@/lib/contracts/users";
import { createFirstAdmin } from "@/lib/server/services/users";

/** Open to anonymous callers only while no user exists; the service refuses it afterwards. */
export const createFirstAdminAction = publicAction("createFirstAdminAction")
  .inputSchema(ZFirstAdmin)
  .action(async ({ parsedInput }) => createFirstAdmin(parsedInput));
