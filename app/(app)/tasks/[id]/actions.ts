"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ZContacts, ZTaskSettings } from "@/lib/contracts/task-write";
import { ZId } from "@/lib/domain/bounds";
import { authedAction } from "@/lib/server/action-client";
import { addContactsToTask } from "@/lib/server/services/tasks/contacts";
import { LIFECYCLE_OPS, performTaskOperation, updateTaskSettings } from "@/lib/server/services/tasks/lifecycle";

const ZTaskId = ZId;

// The services load the task from its id and check it exists and what its provider allows in its
// mirrored status before anything is sent; the client's idea of the status is never trusted.
export const taskOperationAction = authedAction("taskOperationAction", "manager")
  .inputSchema(z.object({ taskId: ZTaskId, op: z.enum(LIFECYCLE_OPS) }))
  .action(async ({ parsedInput, ctx }) => {
    const result = await performTaskOperation({ actor: ctx.actor, ...parsedInput });
    revalidatePath(`/tasks/${parsedInput.taskId}`);
    revalidatePath("/tasks");
    return result;
  });

export const updateTaskSettingsAction = authedAction("updateTaskSettingsAction", "manager")
  .inputSchema(z.object({ taskId: ZTaskId, data: ZTaskSettings }))
  .action(async ({ parsedInput, ctx }) => {
    const result = await updateTaskSettings({ actor: ctx.actor, taskId: parsedInput.taskId, data: parsedInput.data });
    revalidatePath(`/tasks/${parsedInput.taskId}`);
    return result;
  });

export const addTaskContactsAction = authedAction("addTaskContactsAction", "manager")
  .inputSchema(z.object({ taskId: ZTaskId, contacts: ZContacts.min(1) }))
  .action(async ({ parsedInput, ctx }) => {
    const result = await addContactsToTask({ actor: ctx.actor, ...parsedInput });
    revalidatePath(`/tasks/${parsedInput.taskId}`);
    return result;
  });
