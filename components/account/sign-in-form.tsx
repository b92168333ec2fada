"use client";
// The emailed-link sign-in form. Works without JavaScript (a plain form post to the Server Action); with it,
// a wrong email is shown beside the field without a reload.
import { useActionState } from "react";
import { requestSignInLink } from "@/app/signin/actions";
import type { SignInFormState } from "@/lib/auth/sign-in-form-schema";

export type SignInFormStrings = { email: string; submit: string; sending: string; errors: Record<string, string> };

export function SignInForm({ strings, callbackUrl, defaultEmail }: { strings: SignInFormStrings; callbackUrl: string; defaultEmail?: string }) {
  const [state, action, pending] = useActionState<SignInFormState, FormData>(requestSignInLink, { kind: "idle" });
  const errorKey = state.kind === "invalid" ? state.fieldErrors.email : undefined;
  const error = errorKey ? (strings.errors[errorKey] ?? strings.errors.email) : undefined;
  return (
    <form action={action} className="stack-form" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <label htmlFor="signin-email" className="field-label">
        {strings.email}
      </label>
      <input
        id="signin-email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={defaultEmail}
        className="text-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "signin-email-error" : undefined}
      />
      <div aria-live="polite">
        {error && (
          <p id="signin-email-error" className="field-error">
            {error}
          </p>
        )}
      </div>
      <button type="submit" className="button button--primary button--block" aria-disabled={pending || undefined}>
        {pending ? strings.sending : strings.submit}
      </button>
    </form>
  );
}
