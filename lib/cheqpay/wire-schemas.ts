// Cheqpay's wire format (docs/cheqpay-wire-contract.md). Nothing outside lib/cheqpay imports this file:
// the app sees the types of ./types.ts, produced by ./mappers.ts. Responses are parsed leniently (unknown
// fields are dropped, optional ones may be null) so that Cheqpay adding a field never breaks a payment.
import { z } from "zod";
import { OPAQUE_ID } from "../validation/plain-text";

const optionalString = z.string().nullish();
// Cheqpay's docs show some numbers as strings ("1920", "200.99"); accept both.
const numberLike = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);

export const wireCardDetailsSchema = z.object({
  id: optionalString,
  bin: optionalString,
  last4: optionalString,
  brand: optionalString,
  type: optionalString,
  country: optionalString,
  issuerBank: optionalString,
  expiryMonth: z.union([z.string(), z.number()]).nullish(),
  expiryYear: z.union([z.string(), z.number()]).nullish(),
});

export const wirePayerAuthenticationSchema = z.object({
  id: z.string(),
  url: z.string(),
  jwt: z.string(),
});

export const wirePaymentSchema = z.object({
  id: z.string(),
  status: z.string(),
  paymentMethodType: optionalString,
  amount: numberLike.nullish(),
  refundedAmount: numberLike.nullish(),
  paymentMethodId: optionalString,
  declineReason: optionalString,
  createdAt: optionalString,
  updatedAt: optionalString,
});

export const wireCustomerSchema = z.object({
  id: optionalString,
  externalId: optionalString,
  firstName: optionalString,
  lastName: optionalString,
  email: optionalString,
  phoneNumber: optionalString,
  active: z.boolean().nullish(),
  createdAt: optionalString,
  updatedAt: optionalString,
});

export const wireSavedPaymentMethodSchema = z.object({
  id: z.string(),
  type: optionalString,
  cardDetails: wireCardDetailsSchema.nullish(),
  card: wireCardDetailsSchema.nullish(),
  createdAt: optionalString,
});

export const wirePaymentOrderSchema = z.object({
  id: z.string(),
  externalId: optionalString,
  externalMerchantReference: optionalString,
  orderNumber: optionalString,
  amount: numberLike,
  currency: z.string(),
  status: z.string(),
  description: optionalString,
  refundedAmount: numberLike.nullish(),
  createdAt: optionalString,
  updatedAt: optionalString,
  paymentMethod: z
    .object({
      type: optionalString,
      id: optionalString,
      cardDetails: wireCardDetailsSchema.nullish(),
      card: wireCardDetailsSchema.nullish(),
    })
    .nullish(),
  customer: wireCustomerSchema.nullish(),
  payerAuthentication: wirePayerAuthenticationSchema.nullish(),
  payments: z.array(wirePaymentSchema).nullish(),
});

export const wireCustomerWithMethodsSchema = wireCustomerSchema.extend({
  id: z.string(),
  paymentMethods: z.array(wireSavedPaymentMethodSchema).nullish(),
});

export const wireRefundSchema = z.object({
  id: z.string(),
  amount: numberLike,
  status: z.string(),
  reason: optionalString,
  createdAt: optionalString,
});

export const wireRefundResponseSchema = z.object({
  paymentOrder: z.object({
    id: z.string(),
    status: z.string(),
    amount: numberLike,
    refundedAmount: numberLike.nullish(),
    netAmount: numberLike.nullish(),
  }),
  refund: wireRefundSchema,
});

export const wireListSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    total: z.number().int().nullish(),
    limit: z.number().int().nullish(),
    offset: z.number().int().nullish(),
  });

// Error bodies: the documented envelope, or a NestJS-style body (reference §12.22).
export const wireErrorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: optionalString,
    declineReason: optionalString,
    paymentOrderId: optionalString,
    details: z.array(z.object({ field: optionalString, message: optionalString })).nullish(),
  }),
});

export const wireNestErrorSchema = z.object({
  statusCode: z.number(),
  message: z.union([z.string(), z.array(z.string())]).nullish(),
  error: optionalString,
});

// Request bodies. Card fields are typed here, but ./transport.ts never logs or echoes a request body.
export type WireDeviceInformation = {
  ipAddress?: string;
  userAgent?: string;
  httpAcceptBrowserValue?: string;
  httpBrowserLanguage?: string;
  httpBrowserJavaEnabled?: boolean;
  httpBrowserJavaScriptEnabled?: boolean;
  httpBrowserColorDepth?: string;
  httpBrowserScreenHeight?: string;
  httpBrowserScreenWidth?: string;
  httpBrowserTimeDifference?: string;
};

export type WireCustomerInput = {
  id?: string;
  externalId?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phoneNumber?: string;
};

export type WirePaymentMethodInput =
  | {
      type: "card";
      cardDetails: { number: string; expiryMonth: string; expiryYear: string; cvc: string };
      persist: boolean;
    }
  | { type: "payment_method_id"; paymentMethodId: string; cvc: string };

export type WireCreatePaymentOrderRequest = {
  externalId: string;
  amount: number;
  currency: string;
  description?: string;
  customer: WireCustomerInput;
  paymentMethod: WirePaymentMethodInput;
  billingAddress?: { address: string; city: string; state: string; postalCode: string; country: string };
  deviceInformation?: WireDeviceInformation;
};

export type WirePaymentOrder = z.infer<typeof wirePaymentOrderSchema>;
export type WireCustomerWithMethods = z.infer<typeof wireCustomerWithMethodsSchema>;
export type WireCustomer = z.infer<typeof wireCustomerSchema>;
export type WireRefund = z.infer<typeof wireRefundSchema>;
export type WireRefundResponse = z.infer<typeof wireRefundResponseSchema>;
export type WireSavedPaymentMethod = z.infer<typeof wireSavedPaymentMethodSchema>;
export type WireCardDetails = z.infer<typeof wireCardDetailsSchema>;

// Webhook body (reference §9, W-2). Everything but the event id and name is optional: events differ. What we
// store or look up by (the event's id and name, the order's ids and status) must look like Cheqpay's: an
// event with a 100 kB id or markup for a status is refused before anything is written, even when signed.
const wireId = z.string().min(1).max(200).regex(OPAQUE_ID);
const wireStatus = z.string().max(64).regex(/^[A-Za-z_]+$/);

export const wireWebhookEventSchema = z.object({
  id: wireId,
  event: z.string().max(100).regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/),
  createdAt: optionalString,
  data: z
    .object({
      paymentOrder: z
        .object({
          id: wireId,
          externalId: wireId.nullish(),
          merchantReference: wireId.nullish(),
          status: wireStatus.nullish(),
          amount: numberLike.nullish(),
          currency: z.string().regex(/^[A-Za-z]{3}$/).nullish(),
          refundedAmount: numberLike.nullish(),
        })
        .nullish(),
      payment: wirePaymentSchema.partial().nullish(),
      customer: z.object({ id: optionalString, externalId: optionalString }).nullish(),
      paymentMethod: z
        .object({
          type: optionalString,
          options: z.object({ card: wireCardDetailsSchema.nullish() }).nullish(),
        })
        .nullish(),
      refund: wireRefundSchema.nullish(),
    })
    .nullish(),
});

export type WireWebhookEvent = z.infer<typeof wireWebhookEventSchema>;
