"use server";
import { revalidatePath } from "next/cache";
import { ZSendList } from "@/lib/contracts/numbers";
import { authedAction } from "@/lib/server/action-client";
import { startSend } from "@/lib/server/numbers/send-job";

/** "Add numbers from a list": starts the durable send job (the page follows its progress). */
export const startSendAction = authedAction("startSendAction", "manager")
  .inputSchema(ZSendList)
  .action(async ({ parsedInput, ctx }) => {
    const result = await startSend({ actor: ctx.actor, listId: parsedInput.listId, taskId: parsedInput.taskId });
    revalidatePath(`/tasks/${parsedInput.taskId}/numbers`);
    return result;
  });
