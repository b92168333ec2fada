// next-intl without locale routing: the locale comes from the shopper's cookie, else Accept-Language.
// Messages live in messages/<locale>/<namespace>.json, one file per area of the shop.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, LOCALE_COOKIE, type Locale, negotiateLocale } from "@/lib/i18n/locales";
import { loadMessages } from "./messages";

export async function resolveLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale((await headers()).get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return { locale, messages: await loadMessages(locale), timeZone: "America/Mexico_City" };
});
