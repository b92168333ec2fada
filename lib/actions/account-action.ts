// Server Actions that act on the signed-in account: `validatedAction` (the shared zod schema) plus the session
// check. The handler gets the account from our database; a signed-out caller gets `signed-out` and nothing runs.
import type { z } from "zod/mini";
import { type Account, currentAccount } from "@/lib/accounts/current-account";
import { type InvalidInput, validatedAction } from "./validated-action";

export type SignedOut = { kind: "signed-out" };

export function accountAction<Schema extends z.ZodMiniType, Result>(
  schema: Schema,
  handler: (input: z.output<Schema>, account: Account) => Promise<Result>,
): (input: unknown) => Promise<Result | InvalidInput | SignedOut> {
  return validatedAction(schema, async (input) => {
    const account = await currentAccount();
    if (!account) return { kind: "signed-out" } as const;
    return handler(input, account);
  });
}
