"use server";
import { z } from "zod";
import { authedAction } from "@/lib/server/action-client";
import { numberRef } from "@/lib/server/numbers/ledger-views";

/**
 * The number a reader typed becomes an opaque reference for the story page's URL, so neither the address
 * bar, the history nor a viewer's page payload ever holds the whole number.
 */
export const findNumberAction = authedAction("findNumberAction", "viewer")
  .inputSchema(z.object({ phone: z.string().trim().min(1).max(40) }))
  .action(async ({ parsedInput }) => ({ ref: numberRef(parsedInput.phone) }));
