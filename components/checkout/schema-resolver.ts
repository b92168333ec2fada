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

/**
 * The same resolver for a schema loaded on demand (its chunk, zod with it, is not in the page's first JS: issue 9).
 * When it cannot be loaded (a deploy removed this release's chunks) the browser does not validate: the values go
 * to the Server Action as typed, which parses them with the same schema and answers the fields' problems.
 */
export function lazySchemaResolver<Input extends FieldValues, Output extends FieldValues>(
  load: () => Promise<z.ZodMiniType<Output, Input>>,
): Resolver<Input, unknown, Output> {
  return async (values, context, options) => {
    let schema: z.ZodMiniType<Output, Input>;
    try {
      schema = await load();
    } catch {
      return { values: values as unknown as Output, errors: {} };
    }
    return schemaResolver(schema)(values, context, options);
  };
}
