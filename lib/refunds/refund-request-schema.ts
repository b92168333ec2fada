// A refund request from the merchant's systems (`POST /api/admin/orders/{id}/refunds`): `amount` in centavos
// (optional: what remains), `reason` required. Messages are the error codes the API answers with.
import { z } from "zod/mini";
import { MULTI_LINE_TEXT } from "@/lib/validation/plain-text";

export const refundRequestSchema = z.object({
  amount: z.optional(z.number("amount_invalid").check(z.int("amount_invalid"), z.positive("amount_invalid"), z.lte(100_000_000_00, "amount_invalid"))),
  reason: z.string("reason_required").check(z.trim(), z.minLength(1, "reason_required"), z.maxLength(200, "reason_too_long"), z.regex(MULTI_LINE_TEXT, "reason_invalid")),
});

export type RefundRequest = z.output<typeof refundRequestSchema>;
