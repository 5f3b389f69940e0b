// The numbers import's limit, apart from the parser (contacts-import.ts): the import form shows it on first
// load, and the parser (libphonenumber's metadata, csv-parse) loads only when there is text to parse.

export const MAX_CONTACT_ROWS = 10_000;
