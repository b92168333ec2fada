import type { Locale } from "@/lib/i18n/locales";

/** Every namespace of a locale, merged: `{common: {...}, checkout: {...}, ...}`. */
export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const modules = await Promise.all(NAMESPACES.map((namespace) => import(`../messages/${locale}/${namespace}.json`)));
  return Object.fromEntries(NAMESPACES.map((namespace, i) => [namespace, modules[i].default]));
}

// errorPage is a file of its own: the error boundaries (client components) bundle it into every page's JS.
export const NAMESPACES = ["common", "shop", "cart", "checkout", "order", "account", "policies", "admin", "errorPage"] as const;
