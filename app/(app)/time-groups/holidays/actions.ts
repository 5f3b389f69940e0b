"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/server/action-client";
import { importYearArrangement, removeHolidayDay, setHolidayDay, ZHolidayDayInput } from "@/lib/server/services/holiday-calendar";

export const setHolidayDayAction = authedAction("setHolidayDayAction", "admin")
  .inputSchema(ZHolidayDayInput)
  .action(async ({ parsedInput, ctx: { actor } }) => {
    await setHolidayDay({ actor, data: parsedInput });
    revalidatePath("/time-groups/holidays");
  });

export const removeHolidayDayAction = authedAction("removeHolidayDayAction", "admin")
  .inputSchema(z.object({ date: z.string().trim().min(1).max(10) }))
  .action(async ({ parsedInput, ctx: { actor } }) => {
    await removeHolidayDay({ actor, date: parsedInput.date });
    revalidatePath("/time-groups/holidays");
  });

/** The arrangement is JSON text as pasted; the domain parser checks it and names every problem. */
export const importYearArrangementAction = authedAction("importYearArrangementAction", "admin")
  // A year's arrangement is a few kilobytes; 100 000 characters leaves room for comments and several years.
  .inputSchema(z.object({ text: z.string().max(100_000) }))
  .action(async ({ parsedInput, ctx: { actor } }) => {
    const result = await importYearArrangement({ actor, arrangement: parsedInput.text });
    revalidatePath("/time-groups/holidays");
    return result;
  });
