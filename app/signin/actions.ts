"use server";
// Sign-in: an emailed one-time link, or an OAuth provider the configuration enables. Thin: parse, call Auth.js.
import { redirect } from "next/navigation";
import { z } from "zod/mini";
import { formField } from "@/lib/actions/form-field";
import { validatedAction } from "@/lib/actions/validated-action";
import { configuredOAuthProviders } from "@/lib/auth/auth-providers";
import { emailSignInLink, signIn } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/safe-redirect";
import { type SignInFormState, signInFormSchema } from "@/lib/auth/sign-in-form-schema";
import { getConfig } from "@/lib/config";

const requestLink = validatedAction(signInFormSchema, async ({ email, callbackUrl }) => {
  redirect(await emailSignInLink(email, safeCallbackPath(callbackUrl)));
});

export async function requestSignInLink(_previous: SignInFormState, formData: FormData): Promise<SignInFormState> {
  const result = await requestLink({ email: formField(formData, "email"), callbackUrl: formField(formData, "callbackUrl") ?? undefined });
  return result.kind === "invalid" ? { kind: "invalid", fieldErrors: { email: result.fieldErrors.email ?? "email" } } : result;
}

const providerSchema = z.object({ provider: z.enum(["google", "github"]), callbackUrl: z.optional(z.string()) });

export async function signInWithProvider(formData: FormData): Promise<void> {
  const parsed = providerSchema.safeParse({ provider: formField(formData, "provider"), callbackUrl: formField(formData, "callbackUrl") ?? undefined });
  if (!parsed.success || !configuredOAuthProviders(getConfig().auth).includes(parsed.data.provider)) return;
  await signIn(parsed.data.provider, { redirectTo: safeCallbackPath(parsed.data.callbackUrl) });
}
