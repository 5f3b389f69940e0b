"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/server/action-client";
import { BULK_MAX, BULK_OPS, bulkTaskOperation } from "@/lib/server/services/tasks/lifecycle";

// Each task is loaded and checked (exists, provider rule for its mirrored status) inside the service, row by row.
export const bulkTaskOperationAction = authedAction("bulkTaskOperationAction", "manager")
  .inputSchema(z.object({ taskIds: z.array(z.string().min(1).max(64)).min(1).max(BULK_MAX), op: z.enum(BULK_OPS) }))
  .action(async ({ parsedInput, ctx }) => {
    const results = await bulkTaskOperation({ actor: ctx.actor, ...parsedInput });
    revalidatePath("/tasks");
    return { results };
  });
