"use server";
import { revalidatePath } from "next/cache";
import { ZAddDnc, ZRemoveDnc, ZStartDncImport, type StopReportView } from "@/lib/contracts/numbers";
import { authedAction } from "@/lib/server/action-client";
import { addDncEntry, checkScope, removeDncEntry } from "@/lib/server/numbers/dnc";
import { startImport } from "@/lib/server/numbers/lists";

/** An expiry day ends at midnight China time (the day the user picked is still blocked). */
const endOfDay = (day: string | null) => (day ? new Date(`${day}T23:59:59.999+08:00`) : null);

export const addDncAction = authedAction("addDncAction", "manager")
  .inputSchema(ZAddDnc)
  .action(async ({ parsedInput, ctx }): Promise<{ stops: StopReportView[] }> => {
    const { stops } = await addDncEntry({ actor: ctx.actor, phone: parsedInput.phone, scope: parsedInput.scope, reason: parsedInput.reason, expiresAt: endOfDay(parsedInput.expiresOn) });
    revalidatePath("/contacts/dnc");
    return { stops: stops.map((s) => ({ taskId: s.taskId, taskName: s.taskName, outcome: s.outcome, numbers: s.phones.length, message: s.message })) };
  });

export const removeDncAction = authedAction("removeDncAction", "manager")
  .inputSchema(ZRemoveDnc)
  .action(async ({ parsedInput, ctx }) => {
    await removeDncEntry({ actor: ctx.actor, phone: parsedInput.phone, scope: parsedInput.scope });
    revalidatePath("/contacts/dnc");
  });

export const startDncImportAction = authedAction("startDncImportAction", "manager")
  .inputSchema(ZStartDncImport)
  .action(async ({ parsedInput, ctx }) => {
    await checkScope(parsedInput.scope);
    return startImport({
      actor: ctx.actor,
      uploadId: parsedInput.uploadId,
      fileName: parsedInput.fileName,
      target: { kind: "dnc", scope: parsedInput.scope, reason: parsedInput.reason, expiresAt: endOfDay(parsedInput.expiresOn) },
      mapping: parsedInput.mapping,
      country: "CN",
    });
  });
