// Where a form's errors come from and how they are shown. A form validates with the same zod schema as its
// server action (react-hook-form's zodResolver); the schema's messages are keys of the `forms` catalog
// (messages/<locale>/forms.json), shown here in the user's language. A refusal only the server can make (a
// taken name, a missing stored secret) arrives as an ActionFailure and is placed on its field, already in words.
import type { FieldError, FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { ActionFailure } from "@/lib/contracts/errors";
import { localize, type Locale } from "@/lib/domain/text";

/** An error whose message is already text in the user's language (from the server), not a catalog key. */
export const SERVER_ERROR = "server";

export type FormTranslate = {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
};

/** The text under a field: the catalog's words for a schema message, the server's words as they are. */
export function fieldErrorText(error: FieldError | undefined, t: FormTranslate, values?: Record<string, string | number>): string | undefined {
  if (!error) return undefined;
  if (error.type === SERVER_ERROR && error.message) return error.message;
  return error.message && t.has(error.message) ? t(error.message, values) : t("invalid");
}

/** A server action's answer as next-safe-action returns it (validation errors flattened). */
export interface ActionAnswer {
  validationErrors?: { formErrors?: string[]; fieldErrors?: Record<string, string[] | undefined> };
  serverError?: ActionFailure;
}

/**
 * Puts a failed action's errors on the fields they belong to. Returns the text of what belongs to no field (for
 * a notice above the form), or null when everything found its field or nothing failed.
 */
export function placeActionErrors<T extends FieldValues>(
  answer: ActionAnswer | undefined,
  setError: UseFormSetError<T>,
  locale: Locale,
  t: FormTranslate,
): string | null {
  if (answer?.validationErrors) {
    const { fieldErrors = {}, formErrors = [] } = answer.validationErrors;
    for (const [field, messages] of Object.entries(fieldErrors)) {
      if (messages?.length) setError(field as Path<T>, { type: "validate", message: messages[0] });
    }
    // Only a request the form did not check itself gets here; say so above the form as well.
    return formErrors.length > 0 || Object.keys(fieldErrors).length > 0 ? t("checkForm") : null;
  }
  const failure = answer?.serverError;
  if (!failure) return null;
  const text = localize(failure.message, locale);
  if (!failure.field) return text;
  setError(failure.field as Path<T>, { type: SERVER_ERROR, message: text }, { shouldFocus: true });
  return null;
}
