// The account contract's plain values, without its zod schemas: the account form reads them on first load,
// and the schema loads only when the form is first checked (components/ui/lazy-resolver.ts).

export const ACCOUNT_NAME_MAX = 60;
export const ACCOUNT_URL_MAX = 500;
/** Longest credential or setting value (a PEM key fits); more fields than any provider has are refused. */
export const ACCOUNT_FIELD_MAX = 2000;
export const ACCOUNT_FIELDS_MAX = 20;

/** Values of the `forms.account.*` messages, which name these limits. */
export const ACCOUNT_MESSAGE_VALUES = { nameMax: ACCOUNT_NAME_MAX, fieldMax: ACCOUNT_FIELD_MAX };
