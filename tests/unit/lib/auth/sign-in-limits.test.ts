import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { signInLimitedPath, waitMinutesOf } from "@/lib/auth/sign-in-limits";
import enAccount from "@/messages/en/account.json";
import enCheckout from "@/messages/en/checkout.json";
import esAccount from "@/messages/es-MX/account.json";
import esCheckout from "@/messages/es-MX/checkout.json";

const signInError = (locale: string, messages: typeof enAccount, minutes: number) =>
  createTranslator({ locale, messages: { account: messages }, namespace: "account.signIn" })("errors.TooManyLinks", { minutes });
const paymentLimited = (locale: string, messages: typeof enCheckout, minutes: number) =>
  createTranslator({ locale, messages: { checkout: messages }, namespace: "checkout" })("limited", { minutes });

describe("the sign-in limit's /signin address", () => {
  it("names the error and the whole minutes to wait", () => {
    expect(signInLimitedPath(61)).toBe("/signin?error=TooManyLinks&wait=2");
    expect(signInLimitedPath(1)).toBe("/signin?error=TooManyLinks&wait=1");
  });

  it("reads back a sane wait, and nothing else", () => {
    expect(waitMinutesOf("12")).toBe(12);
    expect(waitMinutesOf("0")).toBeNull();
    expect(waitMinutesOf("100000")).toBeNull();
    expect(waitMinutesOf("5; drop table")).toBeNull();
    expect(waitMinutesOf(["5"])).toBeNull();
    expect(waitMinutesOf(undefined)).toBeNull();
  });
});

describe("the limits' messages", () => {
  it("tell the shopper how long to wait, in English and in Spanish", () => {
    expect(signInError("en", enAccount, 1)).toContain("please wait 1 minute before asking for another one");
    expect(signInError("en", enAccount, 42)).toContain("please wait 42 minutes before asking");
    expect(signInError("es-MX", esAccount, 42)).toContain("espera 42 minutos antes de pedir otro");
    expect(paymentLimited("en", enCheckout, 9)).toBe(
      "Too many payment attempts. For your security, please wait 9 minutes before trying again. You have not been charged.",
    );
    expect(paymentLimited("es-MX", esCheckout, 1)).toBe(
      "Demasiados intentos de pago. Por tu seguridad, espera 1 minuto antes de intentarlo de nuevo. No se te ha cobrado.",
    );
  });
});
