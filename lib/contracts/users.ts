// Users as the setup page and the users page create them. One schema validates the form in the browser
// (zodResolver) and the server action; a refusal's message is a key of the `forms` catalog.
import { z } from "zod";

/** Viewer reads, manager does everything but users, admin everything. */
export const ROLES = ["viewer", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const USER_NAME_MAX = 80;
/** The password policy's length (issue 12 point 6); the server also refuses commonly used passwords. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
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

/** Values of the `forms.user.*` messages, which name these limits. */
export const USER_MESSAGE_VALUES = { nameMax: USER_NAME_MAX, passwordMin: PASSWORD_MIN, passwordMax: PASSWORD_MAX };

/** The first administrator, made on the setup page: no role to choose. */
export const ZFirstAdmin = ZNewUser.omit({ role: true });
export type TFirstAdmin = z.infer<typeof ZFirstAdmin>;
