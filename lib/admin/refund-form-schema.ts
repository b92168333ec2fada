// The back office's refund form: one schema shared by the form and its Server Action. The amount is typed in
// pesos and comes out as integer centavos; messages are keys of `admin.refund.errors`.
import { z } from "zod/mini";
import type { RefundRefusal } from "@/lib/refunds/refund-rules";
import { MULTI_LINE_TEXT } from "@/lib/validation/plain-text";
import { parsePesosToCentavos } from "./money-input";

export const REFUND_REASON_MAX = 200;

export const refundFormSchema = z.object({
  orderId: z.uuid("notFound"),
  amount: z.pipe(
    z.string("required"),
    z.transform((value, ctx) => {
      const parsed = parsePesosToCentavos(value);
      if (parsed.ok) return parsed.centavos;
      ctx.issues.push({ code: "custom", message: parsed.error, input: value });
      return z.NEVER;
    }),
  ),
  reason: z.string("reasonRequired").check(z.trim(), z.minLength(1, "reasonRequired"), z.maxLength(REFUND_REASON_MAX, "reasonTooLong"), z.regex(MULTI_LINE_TEXT, "reasonInvalid")),
});

export type RefundFormInput = z.output<typeof refundFormSchema>;

export type RefundFormField = "amount" | "reason";

/** What the form shows after a submit. `values` are what was typed, kept in the fields after an error. */
export type RefundFormState =
  | { kind: "idle" }
  | { kind: "invalid"; fieldErrors: Partial<Record<RefundFormField | "form", string>>; values: { amount: string; reason: string } }
  | { kind: "refused"; refusal: RefundRefusal; message: string; values: { amount: string; reason: string } }
  | { kind: "accepted"; message: string };
