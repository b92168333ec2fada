// The app's Cheqpay client, configured from lib/config.ts; one per process. Every HTTP attempt is logged as
// `cheqpay.request` and measured; the request being served gives its id to Cheqpay (`x-request-id`).
import { getConfig } from "../config";
import { recordCheqpayRequest } from "../observability/cheqpay-requests";
import { currentRequestId } from "../observability/request-context";
import { type CheqpayClient, createCheqpayClient } from "./client";

let client: CheqpayClient | null = null;

export function getCheqpayClient(): CheqpayClient {
  if (client) return client;
  const { cheqpay } = getConfig();
  client = createCheqpayClient({
    baseUrl: cheqpay.baseUrl,
    apiKey: cheqpay.apiKey,
    merchantId: cheqpay.merchantId,
    timeoutMs: cheqpay.timeoutMs,
    amountUnit: cheqpay.amountUnit,
    onRequest: recordCheqpayRequest,
    currentRequestId,
  });
  return client;
}
