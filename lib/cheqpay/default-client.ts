// The app's Cheqpay client, configured from lib/config.ts; one per process.
import { getConfig } from "../config";
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
  });
  return client;
}
