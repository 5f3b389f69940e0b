"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ZId } from "@/lib/domain/bounds";
import { ZCallTimeGroup } from "@/lib/domain/call-time-group-validation";
import { authedAction } from "@/lib/server/action-client";
import {
  createCallTimeGroup,
  deleteCallTimeGroup,
  duplicateCallTimeGroup,
  encodeForProviders,
  setDefaultCallTimeGroup,
  updateCallTimeGroup,
} from "@/lib/server/services/call-time-groups";

const ZGroupId = z.object({ id: ZId });

export const createCallTimeGroupAction = authedAction("createCallTimeGroupAction", "manager")
  .inputSchema(ZCallTimeGroup)
  .action(async ({ parsedInput, ctx: { actor } }) => {
    const result = await createCallTimeGroup({ actor, data: parsedInput });
    revalidatePath("/time-groups");
    return result;
  });

export const updateCallTimeGroupAction = authedAction("updateCallTimeGroupAction", "manager")
  .inputSchema(z.object({ id: ZId, group: ZCallTimeGroup }))
  .action(async ({ parsedInput, ctx: { actor } }) => {
    await updateCallTimeGroup({ actor, id: parsedInput.id, data: parsedInput.group });
    revalidatePath("/time-groups");
  });

export const duplicateCallTimeGroupAction = authedAction("duplicateCallTimeGroupAction", "manager")
  .inputSchema(ZGroupId)
  .action(async ({ parsedInput, ctx: { actor } }) => {
    const result = await duplicateCallTimeGroup({ actor, id: parsedInput.id });
    revalidatePath("/time-groups");
    return result;
  });

export const deleteCallTimeGroupAction = authedAction("deleteCallTimeGroupAction", "manager")
  .inputSchema(ZGroupId)
  .action(async ({ parsedInput, ctx: { actor } }) => {
    await deleteCallTimeGroup({ actor, id: parsedInput.id });
    revalidatePath("/time-groups");
  });

export const setDefaultCallTimeGroupAction = authedAction("setDefaultCallTimeGroupAction", "manager")
  .inputSchema(ZGroupId)
  .action(async ({ parsedInput, ctx: { actor } }) => {
    await setDefaultCallTimeGroup({ actor, id: parsedInput.id });
    revalidatePath("/time-groups");
  });

/** The provider panel: read only, so a viewer sees what each provider would lose too. */
export const encodeForProvidersAction = authedAction("encodeForProvidersAction", "viewer")
  .inputSchema(ZCallTimeGroup)
  .action(async ({ parsedInput }) => encodeForProviders(parsedInput));
