"use server";
import { z } from "zod";
import { ZId } from "@/lib/domain/bounds";
import { authedAction } from "@/lib/server/action-client";
import { requestSync } from "@/lib/server/mirror/sync";

const ZSyncNow = z.object({ accountId: ZId.optional() });

/** "Sync now": starts the sync of one account (or all enabled ones) and returns the run ids to follow. */
export const syncNowAction = authedAction("syncNowAction", "manager")
  .inputSchema(ZSyncNow)
  .action(async ({ parsedInput, ctx: { actor } }) => ({ runs: await requestSync({ actor, accountId: parsedInput.accountId }) }));
