"use server";
import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALE_COOKIE, LOCALES } from "@/i18n/locales";
import { publicAction } from "@/lib/server/action-client";

/** Remembers the language choice (a cookie, no data touched), so it is open to anyone, login page included. */
export const setLocaleAction = publicAction("setLocaleAction")
  .inputSchema(z.object({ locale: z.enum(LOCALES) }))
  .action(async ({ parsedInput }) => {
    (await cookies()).set(LOCALE_COOKIE, parsedInput.locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax", httpOnly: false });
    return { locale: parsedInput.locale };
  });
