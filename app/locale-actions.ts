"use server";
// The language switch: remember the choice for a year; every page then renders in it.
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { formField } from "@/lib/actions/form-field";
import { getConfig } from "@/lib/config";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/locales";

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;
const localeInput = z.object({ locale: z.enum(LOCALES) });

export async function setLocaleAction(formData: FormData): Promise<void> {
  const input = localeInput.safeParse({ locale: formField(formData, "locale") });
  if (!input.success) return;
  (await cookies()).set(LOCALE_COOKIE, input.data.locale, {
    sameSite: "lax",
    secure: getConfig().appUrl.startsWith("https://"),
    path: "/",
    maxAge: ONE_YEAR_SECONDS,
  });
  // Pages the browser already holds were rendered in the old language.
  revalidatePath("/", "layout");
}
