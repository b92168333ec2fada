"use server";
// /account's Server Actions: thin. Every one checks the session and names the account in its query, so a card
// id of another account finds nothing and changes nothing.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formField } from "@/lib/actions/form-field";
import { accountAction } from "@/lib/actions/account-action";
import { type AccountDetailsState, accountDetailsSchema, savedCardActionSchema } from "@/lib/accounts/account-forms";
import { updateAccountName } from "@/lib/accounts/account-profile";
import { makeDefaultSavedCard, removeSavedCard } from "@/lib/accounts/saved-cards";
import { getDb } from "@/lib/db/client";

const SIGN_IN = "/signin?callbackUrl=%2Faccount";

type CardOutcome = { kind: "removed" | "made-default"; cardId: string } | { kind: "not-found" };

const removeCard = accountAction(savedCardActionSchema, async ({ cardId }, account): Promise<CardOutcome> =>
  (await removeSavedCard(getDb(), account.id, cardId)) ? { kind: "removed", cardId } : { kind: "not-found" },
);

const makeDefault = accountAction(savedCardActionSchema, async ({ cardId }, account): Promise<CardOutcome> =>
  (await makeDefaultSavedCard(getDb(), account.id, cardId)) ? { kind: "made-default", cardId } : { kind: "not-found" },
);

/** Back to /account with a notice naming what happened (the page words it). */
function afterCardAction(result: Awaited<ReturnType<typeof removeCard>>): never {
  if (result.kind === "signed-out") redirect(SIGN_IN);
  revalidatePath("/account");
  if (result.kind === "invalid" || result.kind === "not-found") redirect("/account?notice=not-found");
  redirect(`/account?notice=${result.kind}&card=${result.cardId}`);
}

export async function removeSavedCardAction(formData: FormData): Promise<void> {
  afterCardAction(await removeCard({ cardId: formField(formData, "cardId") }));
}

export async function makeDefaultSavedCardAction(formData: FormData): Promise<void> {
  afterCardAction(await makeDefault({ cardId: formField(formData, "cardId") }));
}

const saveDetails = accountAction(accountDetailsSchema, async (name, account) => {
  await updateAccountName(getDb(), account.id, name);
  return { kind: "saved" } as const;
});

export async function saveAccountDetailsAction(_previous: AccountDetailsState, formData: FormData): Promise<AccountDetailsState> {
  const result = await saveDetails({ firstName: formField(formData, "firstName"), lastName: formField(formData, "lastName") });
  if (result.kind === "signed-out") redirect(SIGN_IN);
  if (result.kind === "invalid") return { kind: "invalid", fieldErrors: result.fieldErrors };
  revalidatePath("/account");
  return result;
}
