// The sign-in form's one schema, shared by the form and its Server Action. Messages are keys of
// `account.signIn.errors`.
import { z } from "zod/mini";

export const signInFormSchema = z.object({
  email: z.string("required").check(z.trim(), z.minLength(1, "required"), z.maxLength(254, "tooLong"), z.email("email")),
  callbackUrl: z.optional(z.string().check(z.maxLength(512))),
});

export type SignInFormState = { kind: "idle" } | { kind: "invalid"; fieldErrors: { email?: string } };
