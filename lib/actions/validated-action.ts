// The one wrapper for Server Actions: parse the input with the form's shared zod schema, then call lib/.
// Invalid input changes nothing and comes back as field errors (message keys, translated by the form).
import type { z } from "zod/mini";
import { withRequestContext } from "@/lib/observability/with-request";

export type FieldErrors<Field extends string = string> = Partial<Record<Field, string>>;
export type InvalidInput<Field extends string = string> = { kind: "invalid"; fieldErrors: FieldErrors<Field> };

/** The message key of a problem the schema names no key for. */
export const INVALID = "invalid";

export function validatedAction<Schema extends z.ZodMiniType, Result>(
  schema: Schema,
  handler: (input: z.output<Schema>) => Promise<Result>,
): (input: unknown) => Promise<Result | InvalidInput> {
  return async (input: unknown) =>
    // Every line logged and every Cheqpay call made while the action runs carries the request's id.
    withRequestContext(async () => {
      // A problem the schema has no message key for (a field of the wrong type, a nested object missing, input
      // that is not an object at all) reads "invalid", never zod's English sentence.
      const parsed = schema.safeParse(input, { error: () => INVALID });
      if (!parsed.success) return { kind: "invalid", fieldErrors: fieldErrorsOf(parsed.error.issues) } as InvalidInput;
      return handler(parsed.data);
    });
}

/** The first message for each top-level field; problems without a field go under `form`. */
export function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = typeof issue.path[0] === "string" ? issue.path[0] : "form";
    errors[field] ??= issue.message;
  }
  return errors;
}
