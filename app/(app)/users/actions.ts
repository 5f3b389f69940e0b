"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ZId } from "@/lib/domain/bounds";
import { authedAction } from "@/lib/server/action-client";
import { ROLES } from "@/lib/server/roles";
import { ZNewUser } from "@/lib/contracts/users";
import { createUser, setUserActive, setUserRole } from "@/lib/server/services/users";

export const createUserAction = authedAction("createUserAction", "admin")
  .inputSchema(ZNewUser)
  .action(async ({ parsedInput, ctx }) => {
    const res = await createUser({ actor: ctx.actor, data: parsedInput });
    revalidatePath("/users");
    return res;
  });

export const setUserRoleAction = authedAction("setUserRoleAction", "admin")
  .inputSchema(z.object({ userId: ZId, role: z.enum(ROLES) }))
  .action(async ({ parsedInput, ctx }) => {
    await setUserRole({ actor: ctx.actor, ...parsedInput });
    revalidatePath("/users");
  });

export const setUserActiveAction = authedAction("setUserActiveAction", "admin")
  .inputSchema(z.object({ userId: ZId, active: z.boolean() }))
  .action(async ({ parsedInput, ctx }) => {
    await setUserActive({ actor: ctx.actor, ...parsedInput });
    revalidatePath("/users");
  });
