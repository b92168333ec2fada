"use client";
// The account's name (what Cheqpay's customer is called). Works without JavaScript; with it, errors appear
// beside the fields without a reload.
import { useActionState } from "react";
import { saveAccountDetailsAction } from "@/app/account/actions";
import type { AccountDetailsState } from "@/lib/accounts/account-forms";

export type AccountDetailsStrings = { firstName: string; lastName: string; save: string; saved: string; errors: Record<string, string> };

export function AccountDetailsForm({ strings, firstName, lastName }: { strings: AccountDetailsStrings; firstName: string; lastName: string }) {
  const [state, action, pending] = useActionState<AccountDetailsState, FormData>(saveAccountDetailsAction, { kind: "idle" });
  const errors = state.kind === "invalid" ? state.fieldErrors : {};
  const field = (name: "firstName" | "lastName", value: string) => {
    const error = errors[name] ? (strings.errors[errors[name]!] ?? strings.errors.required) : undefined;
    return (
      <div className="stack-form">
        <label htmlFor={`account-${name}`} className="field-label">
          {strings[name]}
        </label>
        <input
          id={`account-${name}`}
          name={name}
          defaultValue={value}
          autoComplete={name === "firstName" ? "given-name" : "family-name"}
          className="text-input"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `account-${name}-error` : undefined}
        />
        <div aria-live="polite">
          {error && (
            <p id={`account-${name}-error`} className="field-error">
              {error}
            </p>
          )}
        </div>
      </div>
    );
  };
  return (
    <form action={action} className="name-form" noValidate>
      {field("firstName", firstName)}
      {field("lastName", lastName)}
      <button type="submit" className="button button--secondary" aria-disabled={pending || undefined}>
        {strings.save}
      </button>
      <p role="status" className="muted">
        {state.kind === "saved" ? strings.saved : ""}
      </p>
    </form>
  );
}
