import type { Locale } from "@/lib/i18n/locales";

/** Every namespace of a locale, merged: `{common: {...}, checkout: {...}, ...}`. Read once per process and
 *  locale (they are part of the build): every request and Server Action asks for them. */
export function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  let loaded = byLocale.get(locale);
  if (!loaded) {
    loaded = readMessages(locale);
    byLocale.set(locale, loaded);
    // A failed read is not kept: the next request tries again.
    loaded.catch(() => byLocale.delete(locale));
  }
  return loaded;
}

const byLocale = new Map<Locale, Promise<Record<string, unknown>>>();

async function readMessages(locale: Locale): Promise<Record<string, unknown>> {
  const modules = await Promise.all(NAMESPACES.map((namespace) => import(`../messages/${locale}/${namespace}.json`)));
  return Object.fromEntries(NAMESPACES.map((namespace, i) => [namespace, modules[i].default]));
}

// errorPage is a file of its own: the error boundaries (client components) bundle it into every page's JS.
export const NAMESPACES = ["common", "shop", "cart", "checkout", "order", "account", "policies", "admin", "errorPage"] as const;
