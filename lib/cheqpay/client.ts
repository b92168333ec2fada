// The typed Cheqpay client: small verbs over one transport (./transport.ts). The only door to Cheqpay.
import type { AmountUnit } from "./amounts";
import { toWireAmount } from "./amounts";
import { CheqpayConflictError, CheqpayDeclinedError } from "./errors";
import {
  fromWireCustomer,
  fromWirePaymentOrder,
  fromWireRefund,
  fromWireRefundResponse,
  fromWireSavedMethod,
  toWireCreateRequest,
  toWireCustomer,
  toWireDevice,
} from "./mappers";
import { defaultRetryPolicy, type RetryPolicy } from "./retry-policy";
import type { HttpSend } from "./http-send";
import { type CheqpayRequestEvent, sendCheqpayRequest, type TransportConfig } from "./transport";
import type {
  CreatePaymentOrderInput,
  Customer,
  CustomerInput,
  InitiatePayerAuthenticationInput,
  ListPaymentOrdersQuery,
  Page,
  PaymentOrder,
  Refund,
  RefundResult,
  SavedPaymentMethod,
} from "./types";
import {
  wireCustomerSchema,
  wireCustomerWithMethodsSchema,
  wireListSchema,
  wirePaymentOrderSchema,
  wireRefundResponseSchema,
  wireRefundSchema,
  wireSavedPaymentMethodSchema,
} from "./wire-schemas";

export type CheqpayClientOptions = {
  baseUrl: string;
  apiKey: string;
  merchantId: string;
  timeoutMs?: number;
  retryPolicy?: Partial<RetryPolicy>;
  amountUnit?: AmountUnit;
  fetch?: HttpSend;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRequest?: (event: CheqpayRequestEvent) => void;
  currentRequestId?: () => string | undefined;
};

/** Per-call options: our request id (passed on to Cheqpay as `x-request-id`), a timeout, an observer of the
 *  call's HTTP attempts (the order timeline records them). */
export type CallOptions = { requestId?: string; timeoutMs?: number; onRequest?: (event: CheqpayRequestEvent) => void };

export type CheqpayClient = ReturnType<typeof createCheqpayClient>;

export function createCheqpayClient(options: CheqpayClientOptions) {
  const unit: AmountUnit = options.amountUnit ?? "minor";
  const transport: TransportConfig = {
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    merchantId: options.merchantId,
    timeoutMs: options.timeoutMs ?? 15_000,
    retryPolicy: { ...defaultRetryPolicy, ...options.retryPolicy },
    fetch: options.fetch,
    sleep: options.sleep,
    random: options.random,
    onRequest: options.onRequest,
    currentRequestId: options.currentRequestId,
  };
  const orderPath = (id: string) => `/v2/payment-orders/${encodeURIComponent(id)}`;

  async function getPaymentOrder(idOrExternalId: string, call: CallOptions = {}): Promise<PaymentOrder> {
    const { data } = await sendCheqpayRequest(transport, {
      operation: "getPaymentOrder",
      method: "GET",
      path: orderPath(idOrExternalId),
      schema: wirePaymentOrderSchema,
      safety: "idempotent",
      ...call,
    });
    return fromWirePaymentOrder(data, unit);
  }

  /** A 3-D Secure step answered 409 `INVALID_STATE`: usually our own earlier try of the same step went through
   *  and its answer was lost. Read the order; if it is past the step, that is the answer. */
  async function recoverFromStateConflict(
    error: unknown,
    paymentOrderId: string,
    isPastStep: (order: PaymentOrder) => boolean,
    call: CallOptions,
  ): Promise<PaymentOrder> {
    if (!(error instanceof CheqpayConflictError) || error.code !== "INVALID_STATE") throw error;
    const order = await getPaymentOrder(paymentOrderId, call);
    if (order.status === "failed") {
      throw new CheqpayDeclinedError({
        message: "3-D Secure authentication failed",
        httpStatus: error.httpStatus,
        code: "AUTHENTICATION_FAILED",
        retryable: false,
        declineReason: order.declineReason ?? "authentication_failed",
        requestId: error.requestId,
        paymentOrderId: order.id,
        operation: error.operation,
      });
    }
    if (isPastStep(order)) return order;
    throw error;
  }

  return {
    /** Creates (or, for a repeated `externalId`, returns) a payment order. Declines throw `CheqpayDeclinedError`. */
    async createPaymentOrder(input: CreatePaymentOrderInput, call: CallOptions = {}): Promise<PaymentOrder> {
      const { data } = await sendCheqpayRequest(transport, {
        operation: "createPaymentOrder",
        method: "POST",
        path: "/v2/payment-orders",
        body: toWireCreateRequest(input, unit),
        schema: wirePaymentOrderSchema,
        // Safe to repeat: the same externalId returns the same order (reference §10).
        safety: "idempotent",
        ...call,
      });
      return fromWirePaymentOrder(data, unit);
    },

    getPaymentOrder,

    async listPaymentOrders(query: ListPaymentOrdersQuery = {}, call: CallOptions = {}): Promise<Page<PaymentOrder>> {
      const { data } = await sendCheqpayRequest(transport, {
        operation: "listPaymentOrders",
        method: "GET",
        path: "/payment-orders",
        query: {
          limit: query.limit,
          offset: query.offset,
          status: query.status,
          customerId: query.customerId,
          externalId: query.externalId,
          startDate: query.startDate?.toISOString(),
          endDate: query.endDate?.toISOString(),
        },
        schema: wireListSchema(wirePaymentOrderSchema),
        safety: "idempotent",
        ...call,
      });
      return toPage(data, (order) => fromWirePaymentOrder(order, unit));
    },

    /** 3-D Secure step 2: the device-data session id in, a challenge or a frictionless result out. */
    async initiatePayerAuthentication(input: InitiatePayerAuthenticationInput, call: CallOptions = {}): Promise<PaymentOrder> {
      try {
        const { data } = await sendCheqpayRequest(transport, {
          operation: "initiatePayerAuthentication",
          method: "POST",
          path: `${orderPath(input.paymentOrderId)}/payer-authentication`,
          body: {
            deviceInformation: toWireDevice(input.device),
            collectionReferenceId: input.collectionReferenceId,
            returnUrl: input.returnUrl,
          },
          schema: wirePaymentOrderSchema,
          safety: "idempotent",
          ...call,
        });
        return fromWirePaymentOrder(data, unit);
      } catch (error) {
        return recoverFromStateConflict(error, input.paymentOrderId, (o) => o.status !== "requires_device_data", call);
      }
    },

    /** 3-D Secure step 4, after the challenge page posted back to our return URL. */
    async validatePayerAuthentication(
      input: { paymentOrderId: string; authenticationTransactionId: string },
      call: CallOptions = {},
    ): Promise<PaymentOrder> {
      try {
        const { data } = await sendCheqpayRequest(transport, {
          operation: "validatePayerAuthentication",
          method: "POST",
          path: `${orderPath(input.paymentOrderId)}/payer-authentication/validate`,
          body: { authenticationTransactionId: input.authenticationTransactionId },
          schema: wirePaymentOrderSchema,
          safety: "idempotent",
          ...call,
        });
        return fromWirePaymentOrder(data, unit);
      } catch (error) {
        const pastChallenge = (o: PaymentOrder) => o.status !== "requires_challenge" && o.status !== "requires_device_data";
        return recoverFromStateConflict(error, input.paymentOrderId, pastChallenge, call);
      }
    },

    /** Full refund when `amount` is omitted. Not retried after an unknown outcome (no idempotency key):
     *  the caller reads `listRefunds` before trying again. */
    async refundPaymentOrder(
      input: { paymentOrderId: string; amount?: number; reason: string },
      call: CallOptions = {},
    ): Promise<RefundResult> {
      const { data } = await sendCheqpayRequest(transport, {
        operation: "refundPaymentOrder",
        method: "POST",
        path: `${orderPath(input.paymentOrderId)}/refund`,
        body: {
          ...(input.amount === undefined ? {} : { amount: toWireAmount(input.amount, unit) }),
          reason: input.reason,
        },
        schema: wireRefundResponseSchema,
        safety: "unsafe",
        ...call,
      });
      return fromWireRefundResponse(data, unit);
    },

    async listRefunds(paymentOrderId: string, call: CallOptions = {}): Promise<Refund[]> {
      const { data } = await sendCheqpayRequest(transport, {
        operation: "listRefunds",
        method: "GET",
        path: `/payment-orders/${encodeURIComponent(paymentOrderId)}/refunds`,
        schema: wireListSchema(wireRefundSchema),
        safety: "idempotent",
        ...call,
      });
      return data.data.map((refund) => fromWireRefund(refund, unit));
    },

    /** Create or update by `externalId` (our user id): never a duplicate customer. */
    async upsertCustomer(input: CustomerInput & { externalId: string }, call: CallOptions = {}): Promise<Customer> {
      const { data } = await sendCheqpayRequest(transport, {
        operation: "upsertCustomer",
        method: "POST",
        path: "/customers/add-update",
        body: toWireCustomer({ ...input, id: undefined }),
        schema: wireCustomerSchema.extend({ id: wireCustomerWithMethodsSchema.shape.id }),
        safety: "idempotent",
        ...call,
      });
      return fromWireCustomer(data);
    },

    /** The customer with its saved payment methods; `idOrExternalId` is Cheqpay's id or ours. */
    async getCustomer(idOrExternalId: string, call: CallOptions = {}): Promise<Customer> {
      const { data } = await sendCheqpayRequest(transport, {
        operation: "getCustomer",
        method: "GET",
        path: `/customers/${encodeURIComponent(idOrExternalId)}`,
        schema: wireCustomerWithMethodsSchema,
        safety: "idempotent",
        ...call,
      });
      return fromWireCustomer(data);
    },

    async listCustomers(
      query: { limit?: number; offset?: number; email?: string; externalId?: string } = {},
      call: CallOptions = {},
    ): Promise<Page<Customer>> {
      const { data } = await sendCheqpayRequest(transport, {
        operation: "listCustomers",
        method: "GET",
        path: "/customers",
        query,
        schema: wireListSchema(wireCustomerWithMethodsSchema),
        safety: "idempotent",
        ...call,
      });
      return toPage(data, fromWireCustomer);
    },

    async listPaymentMethods(customerIdOrExternalId: string, call: CallOptions = {}): Promise<SavedPaymentMethod[]> {
      const { data } = await sendCheqpayRequest(transport, {
        operation: "listPaymentMethods",
        method: "GET",
        path: `/customers/${encodeURIComponent(customerIdOrExternalId)}/payment-methods`,
        schema: wireListSchema(wireSavedPaymentMethodSchema),
        safety: "idempotent",
        ...call,
      });
      return data.data.map(fromWireSavedMethod);
    },
  };
}

function toPage<W, T>(
  wire: { data: W[]; total?: number | null; limit?: number | null; offset?: number | null },
  map: (item: W) => T,
): Page<T> {
  return {
    data: wire.data.map(map),
    total: wire.total ?? wire.data.length,
    limit: wire.limit ?? wire.data.length,
    offset: wire.offset ?? 0,
  };
}
