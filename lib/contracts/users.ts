// Users as the setup page and the users page create them. One schema validates the form in the browser
// (zodResolver) and the server action; a refusal's message is a key of the `forms` catalog.
import { z } from "zod";
import { PASSWORD_MAX, PASSWORD_MIN, ROLES, USER_NAME_MAX } from "./user-limits";

export { PASSWORD_MAX, PASSWORD_MIN, ROLES, USER_MESSAGE_VALUES, USER_NAME_MAX, type Role } from "./user-limits";
const EMAIL_MAX = 254;

export const ZNewUser = z.object({
  name: z.string().trim().min(1, { error: "user.name" }).max(USER_NAME_MAX, { error: "user.name" }),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(EMAIL_MAX, { error: "user.email" })
    .pipe(z.email({ error: "user.email" })),
  password: z.string().min(PASSWORD_MIN, { error: "user.password" }).max(PASSWORD_MAX, { error: "user.password" }),
  role: z.enum(ROLES, { error: "user.role" }),
});
export type TNewUser = z.infer<typeof ZNewUser>;

/** The first administrator, made on the setup page: no role to choose. */
export const ZFirstAdmin = ZNewUser.omit({ role: true });
export type TFirstAdmin = z.infer<typeof ZFirstAdmin>;
