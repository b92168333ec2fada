"use server";
// The checkout's Server Actions: thin. Parse with the shared schema, find the shopper's cart, call lib/. With our
// database down they answer a friendly problem ("try again in a moment"), never an error.
import { z } from "zod/mini";
import { validatedAction } from "@/lib/actions/validated-action";
import { readCartId } from "@/lib/cart/cart-cookie";
import { browserInfoSchema, checkoutFormSchema } from "@/lib/checkout/checkout-form-schema";
import { paymentContext, stepMessages } from "@/lib/checkout/payment-context";
import * as payments from "@/lib/checkout/payment-service";
import { unlessDatabaseUnavailable } from "@/lib/checkout/service-unavailable";
import { OPAQUE_ID } from "@/lib/validation/plain-text";

const attemptIdSchema = z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "required"));

export const payWithCard = validatedAction(checkoutFormSchema, async (form) =>
  unlessDatabaseUnavailable(async () => payments.payWithCard(await paymentContext(), await readCartId(), form), stepMessages),
);

export const continueAuthentication = validatedAction(
  z.object({
    attemptId: attemptIdSchema,
    // Cardinal's device-data session id: printable ASCII, as any id Cheqpay's side makes.
    sessionId: z.string().check(z.minLength(1), z.maxLength(200), z.regex(OPAQUE_ID)),
    browser: browserInfoSchema,
  }),
  async (input) =>
    unlessDatabaseUnavailable(async () => payments.continueAuthentication(await paymentContext(), await readCartId(), input), stepMessages),
);

export const abandonAuthentication = validatedAction(z.object({ attemptId: attemptIdSchema }), async ({ attemptId }) =>
  unlessDatabaseUnavailable(async () => payments.abandonAuthentication(await paymentContext(), await readCartId(), attemptId), stepMessages),
);
