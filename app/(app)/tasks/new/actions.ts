"use server";
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/server/action-client";
import { ZTaskPreviewInput, ZTaskWizardInput } from "@/lib/contracts/task-write";
import { createTaskFromWizard, previewTaskCreation } from "@/lib/server/services/tasks/create";

/** What the review step shows: the adapter's encodings and the parameters after the server's checks. */
export const previewTaskAction = authedAction("previewTaskAction", "manager")
  .inputSchema(ZTaskPreviewInput)
  .action(async ({ parsedInput }) => previewTaskCreation(parsedInput));

export const createTaskAction = authedAction("createTaskAction", "manager")
  .inputSchema(ZTaskWizardInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await createTaskFromWizard({ actor: ctx.actor, input: parsedInput });
    revalidatePath("/tasks");
    return result;
  });
