import type { FieldValues, Resolver } from "react-hook-form";

/**
 * A form's schema resolver that is downloaded on the form's first validation (its first submit or step check),
 * not with the page: zod and the schema are a large part of a page's first-load JavaScript (issue 14 goal 4:
 * ≤ 180 kB gzip on every page). `load` is a dynamic import of a module that builds the resolver; the same
 * schema still checks the form in the browser and the server action on the server.
 */
export function lazyResolver<TFieldValues extends FieldValues, TContext, TTransformedValues>(
  load: () => Promise<Resolver<TFieldValues, TContext, TTransformedValues>>,
): Resolver<TFieldValues, TContext, TTransformedValues> {
  let loading: Promise<Resolver<TFieldValues, TContext, TTransformedValues>> | undefined;
  return async (values, context, options) => {
    loading ??= load().catch((e: unknown) => {
      loading = undefined; // a failed download is retried on the next validation
      throw e;
    });
    return (await loading)(values, context, options);
  };
}
