"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ZCaps, ZCreateList, ZId, ZPreviewUpload, ZStartImport, type UploadPreviewView } from "@/lib/contracts/numbers";
import { authedAction } from "@/lib/server/action-client";
import { setCapRule } from "@/lib/server/numbers/caps";
import { requestCancel } from "@/lib/server/numbers/jobs";
import { createContactList, deleteContactList, previewUpload, startImport } from "@/lib/server/numbers/lists";

export const createContactListAction = authedAction("createContactListAction", "manager")
  .inputSchema(ZCreateList)
  .action(async ({ parsedInput, ctx }) => {
    const list = await createContactList({ actor: ctx.actor, name: parsedInput.name, defaultCountry: parsedInput.defaultCountry });
    revalidatePath("/contacts");
    return list;
  });

export const deleteContactListAction = authedAction("deleteContactListAction", "manager")
  .inputSchema(z.object({ listId: ZId }))
  .action(async ({ parsedInput, ctx }) => {
    await deleteContactList({ actor: ctx.actor, listId: parsedInput.listId });
    revalidatePath("/contacts");
  });

/** The column-mapping step: the upload's first rows and the mapping offered (managers only: rows hold numbers). */
export const previewUploadAction = authedAction("previewUploadAction", "manager")
  .inputSchema(ZPreviewUpload)
  .action(async ({ parsedInput }): Promise<UploadPreviewView> => {
    const p = await previewUpload({ uploadId: parsedInput.uploadId, listId: parsedInput.listId, country: "CN" });
    return { uploadId: p.uploadId, format: p.format, rows: p.rows, mapping: p.mapping };
  });

export const startImportAction = authedAction("startImportAction", "manager")
  .inputSchema(ZStartImport)
  .action(async ({ parsedInput, ctx }) => {
    // No revalidation here: the page follows the job and refreshes itself when it ends.
    return startImport({
      actor: ctx.actor,
      uploadId: parsedInput.uploadId,
      fileName: parsedInput.fileName,
      target: { kind: "list", listId: parsedInput.listId },
      mapping: parsedInput.mapping,
    });
  });

export const cancelJobAction = authedAction("cancelJobAction", "manager")
  .inputSchema(z.object({ jobId: ZId }))
  .action(async ({ parsedInput }) => requestCancel(parsedInput.jobId));

export const setContactCapsAction = authedAction("setContactCapsAction", "manager")
  .inputSchema(ZCaps)
  .action(async ({ parsedInput, ctx }) => {
    const rule = await setCapRule({ actor: ctx.actor, rule: parsedInput });
    revalidatePath("/contacts");
    return rule;
  });
