// react-hook-form's resolver for the shared zod/mini schema. Written here rather than taken from
// @hookform/resolvers: that adapter carries zod 3 and 4 paths, union handling and native validation the form
// never uses (2 KB gzip of the checkout's budget, issue 9). One message per field: the first problem found.
import type { FieldErrors, FieldValues, Resolver } from "react-hook-form";
import type { z } from "zod/mini";

/** zod's problems as react-hook-form's errors: nested by path, the message a key of `checkout.errors`. */
export function issuesToFieldErrors<T extends FieldValues>(issues: readonly z.core.$ZodIssue[]): FieldErrors<T> {
  const errors: Record<string, unknown> = {};
  for (const issue of issues) {
    const path = issue.path.map(String);
    if (path.length === 0) continue;
    let node = errors;
    for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    const leaf = path[path.length - 1]!;
    node[leaf] ??= { type: issue.code, message: issue.message };
  }
  return errors as FieldErrors<T>;
}

export function schemaResolver<Input extends FieldValues, Output extends FieldValues>(
  schema: z.ZodMiniType<Output, Input>,
): Resolver<Input, unknown, Output> {
  return async (values) => {
    const parsed = schema.safeParse(values);
    if (parsed.success) return { values: parsed.data, errors: {} };
    return { values: {}, errors: issuesToFieldErrors<Input>(parsed.error.issues) };
  };
}
