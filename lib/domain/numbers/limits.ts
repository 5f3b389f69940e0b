// Bounds shared by the numbers pages and the server's input schemas (lib/contracts/numbers.ts), in a module of
// their own so that a page's form can show them without loading the schemas.

/** The longest name a contact list may have. */
export const LIST_NAME_MAX = 100;
