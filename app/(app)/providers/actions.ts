"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/server/action-client";
import { ZAccountInput, ZAccountUpdate } from "@/lib/contracts/accounts";
import { replayUnparsed } from "@/lib/server/mirror/webhooks";
import { createAccount, setAccountEnabled, setAccountPrivateNetwork, testConnection, updateAccount } from "@/lib/server/services/provider-accounts";

export const createAccountAction = authedAction("createAccountAction", "manager")
  .inputSchema(ZAccountInput)
  .action(async ({ parsedInput, ctx }) => {
    const res = await createAccount({ actor: ctx.actor, data: parsedInput });
    revalidatePath("/providers");
    return res;
  });

export const updateAccountAction = authedAction("updateAccountAction", "manager")
  .inputSchema(ZAccountUpdate)
  .action(async ({ parsedInput, ctx }) => {
    await updateAccount({ actor: ctx.actor, id: parsedInput.id, data: parsedInput.data });
    revalidatePath("/providers");
    return { id: parsedInput.id };
  });

export const setAccountEnabledAction = authedAction("setAccountEnabledAction", "manager")
  .inputSchema(z.object({ id: z.string().min(1).max(64), enabled: z.boolean() }))
  .action(async ({ parsedInput, ctx }) => {
    await setAccountEnabled({ actor: ctx.actor, ...parsedInput });
    revalidatePath("/providers");
  });

export const testConnectionAction = authedAction("testConnectionAction", "manager")
  .inputSchema(z.object({ id: z.string().min(1).max(64) }))
  .action(async ({ parsedInput, ctx }) => {
    const res = await testConnection({ actor: ctx.actor, id: parsedInput.id });
    revalidatePath("/providers");
    return res;
  });

/** Administrators only: private and loopback addresses are a way into the network Dialboard runs in. */
export const setAccountPrivateNetworkAction = authedAction("setAccountPrivateNetworkAction", "admin")
  .inputSchema(z.object({ id: z.string().min(1).max(64), allow: z.boolean() }))
  .action(async ({ parsedInput, ctx }) => {
    await setAccountPrivateNetwork({ actor: ctx.actor, ...parsedInput });
    revalidatePath("/providers");
  });

/** Reads again the verified webhook requests of an account that could not be parsed when they came. */
export const replayWebhooksAction = authedAction("replayWebhooksAction", "manager")
  .inputSchema(z.object({ accountId: z.string().min(1).max(64) }))
  .action(async ({ parsedInput }) => {
    const result = await replayUnparsed({ accountId: parsedInput.accountId });
    revalidatePath("/providers");
    return result;
  });
