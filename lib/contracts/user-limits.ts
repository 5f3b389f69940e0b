// The users contract's plain values, without its zod schemas: the users page and the setup form read them on
// first load, and the schemas load only when a form is first checked (components/ui/lazy-resolver.ts).

/** Viewer reads, manager does everything but users, admin everything. */
export const ROLES = ["viewer", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const USER_NAME_MAX = 80;
/** The password policy's length (issue 12 point 6); the server also refuses commonly used passwords. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/** Values of the `forms.user.*` messages, which name these limits. */
export const USER_MESSAGE_VALUES = { nameMax: USER_NAME_MAX, passwordMin: PASSWORD_MIN, passwordMax: PASSWORD_MAX };
