// The /account forms' schemas, shared by the forms and their Server Actions. Messages are keys of
// `account.account.details`.
import { z } from "zod/mini";
import { SINGLE_LINE_TEXT } from "@/lib/validation/plain-text";

const name = () => z.string("required").check(z.trim(), z.minLength(1, "required"), z.maxLength(60, "tooLong"), z.regex(SINGLE_LINE_TEXT, "invalid"));

export const accountDetailsSchema = z.object({ firstName: name(), lastName: name() });

export const savedCardActionSchema = z.object({ cardId: z.uuid("notFound") });

export type AccountDetailsState = { kind: "idle" } | { kind: "saved" } | { kind: "invalid"; fieldErrors: { firstName?: string; lastName?: string } };
