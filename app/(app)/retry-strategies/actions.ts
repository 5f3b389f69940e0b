"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { currentLocale } from "@/i18n/request";
import { ZId } from "@/lib/domain/bounds";
import { MAX_RETRY_ROUNDS } from "@/lib/domain/retry";
import { authedAction } from "@/lib/server/action-client";
import {
  createRetryStrategy,
  deleteRetryStrategy,
  duplicateRetryStrategy,
  retryStrategyEncodings,
  updateRetryStrategy,
  ZRetryStrategy,
} from "@/lib/server/services/retry-strategies";

const ZStrategyId = z.object({ id: ZId });

export const createRetryStrategyAction = authedAction("createRetryStrategyAction", "manager")
  .inputSchema(ZRetryStrategy)
  .action(async ({ parsedInput, ctx }) => {
    const res = await createRetryStrategy({ actor: ctx.actor, data: parsedInput });
    revalidatePath("/retry-strategies");
    return res;
  });

export const updateRetryStrategyAction = authedAction("updateRetryStrategyAction", "manager")
  .inputSchema(z.object({ id: ZId, data: ZRetryStrategy }))
  .action(async ({ parsedInput, ctx }) => {
    await updateRetryStrategy({ actor: ctx.actor, id: parsedInput.id, data: parsedInput.data });
    revalidatePath("/retry-strategies");
    return { id: parsedInput.id };
  });

export const duplicateRetryStrategyAction = authedAction("duplicateRetryStrategyAction", "manager")
  .inputSchema(ZStrategyId)
  .action(async ({ parsedInput, ctx }) => {
    const res = await duplicateRetryStrategy({ actor: ctx.actor, id: parsedInput.id, locale: await currentLocale() });
    revalidatePath("/retry-strategies");
    return res;
  });

export const deleteRetryStrategyAction = authedAction("deleteRetryStrategyAction", "manager")
  .inputSchema(ZStrategyId)
  .action(async ({ parsedInput, ctx }) => {
    await deleteRetryStrategy({ actor: ctx.actor, id: parsedInput.id });
    revalidatePath("/retry-strategies");
  });

/** The strategy being edited and the retries its preview shows collapsing into one window opening (1 = retry 1). */
const ZRetryPreview = z.object({
  strategy: ZRetryStrategy,
  collapsedRetries: z.array(z.number().int().min(1).max(MAX_RETRY_ROUNDS)).max(MAX_RETRY_ROUNDS),
});

/** Read-only: how each provider would express a strategy being edited (nothing is stored or sent). */
export const encodeRetryStrategyAction = authedAction("encodeRetryStrategyAction", "viewer")
  .inputSchema(ZRetryPreview)
  .action(async ({ parsedInput }) => retryStrategyEncodings(parsedInput.strategy, parsedInput.collapsedRetries));
