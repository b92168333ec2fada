// Builds the payment service's context for one request: database, Cheqpay client, the shopper's language,
// the friendly messages in it, and what the server knows of the browser.
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { resolveLocale } from "@/i18n/request";
import { currentAccount } from "@/lib/accounts/current-account";
import { getCheqpayClient } from "@/lib/cheqpay";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { clientAddress } from "@/lib/http/client-address";
import type { StepMessages } from "./attempt-outcome";
import type { PaymentContext } from "./payment-service";


export async function stepMessages(): Promise<StepMessages> {
  const t = await getTranslations("checkout");
  return {
    decline: (code) => t(`declines.${code}`),
    problem: (code) => t(`problems.${code}`),
    savedCardDeclinedHint: t("savedCardDeclinedHint"),
    limited: (minutes) => t("limited", { minutes }),
  };
}

export async function paymentContext(): Promise<PaymentContext> {
  const config = getConfig();
  const requestHeaders = await headers();
  return {
    db: getDb(),
    cheqpay: getCheqpayClient(),
    appUrl: config.appUrl,
    locale: await resolveLocale(),
    device: {
      ipAddress: clientAddress(requestHeaders, config.trustProxy),
      userAgent: requestHeaders.get("user-agent")?.slice(0, 512) ?? undefined,
      acceptHeader: requestHeaders.get("accept")?.slice(0, 512) ?? undefined,
    },
    messages: await stepMessages(),
    account: await currentAccount(),
    limits: config.limits.payment,
  };
}
