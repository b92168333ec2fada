// The sign-in link email, sent through the one mail module (SMTP or the development mailbox), in the shopper's
// language. The link is rebuilt on APP_URL: Auth.js builds it from the request's Host header, which an
// attacker could set to their own site and so receive a victim's link.
import { createHash } from "node:crypto";
import type { AppConfig } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import { escapeHtml } from "@/lib/emails/email-layout";
import type { Locale } from "@/lib/i18n/locales";
import { type MailMessage, sendMail } from "@/lib/mail/send-mail";

const COPY = {
  "es-MX": {
    subject: "Tu enlace para iniciar sesión en Cheqpay Checkout",
    intro: "Usa este enlace para iniciar sesión en Cheqpay Checkout:",
    button: "Iniciar sesión",
    expiry: (hours: number) => `El enlace funciona una sola vez y vence en ${hours} ${hours === 1 ? "hora" : "horas"}.`,
    ignore: "Si no lo pediste, ignora este correo: nadie puede entrar a tu cuenta sin él.",
  },
  en: {
    subject: "Your sign-in link for Cheqpay Checkout",
    intro: "Use this link to sign in to Cheqpay Checkout:",
    button: "Sign in",
    expiry: (hours: number) => `The link works once and expires in ${hours} ${hours === 1 ? "hour" : "hours"}.`,
    ignore: "If you did not ask for it, ignore this email: nobody can sign in to your account without it.",
  },
} as const;

/** The link Auth.js made, moved onto the app's own origin (path and query kept). */
export function linkOnAppOrigin(authUrl: string, appUrl: string): string {
  const link = new URL(authUrl);
  return new URL(`${link.pathname}${link.search}`, appUrl).toString();
}

export function signInEmail(input: { to: string; url: string; token: string; expires: Date; locale: Locale; maxAgeSeconds: number }): MailMessage {
  const copy = COPY[input.locale];
  const hours = Math.max(1, Math.round(input.maxAgeSeconds / 3600));
  const escaped = escapeHtml(input.url);
  return {
    // One message per link: the token's hash names the event (the token itself is a secret).
    eventKey: `sign-in-link:${createHash("sha256").update(input.token).digest("hex")}`,
    to: input.to,
    subject: copy.subject,
    text: `${copy.intro}\n\n${input.url}\n\n${copy.expiry(hours)}\n${copy.ignore}\n`,
    // Every piece is escaped, our own copy too: no text is ever trusted to be markup.
    html: [
      `<p>${escapeHtml(copy.intro)}</p>`,
      `<p><a href="${escaped}" style="display:inline-block;padding:10px 18px;background:#4f46e5;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(copy.button)}</a></p>`,
      `<p style="word-break:break-all"><a href="${escaped}">${escaped}</a></p>`,
      `<p>${escapeHtml(copy.expiry(hours))}</p>`,
      `<p>${escapeHtml(copy.ignore)}</p>`,
    ].join("\n"),
  };
}

export async function sendSignInEmail(
  db: Database,
  config: Pick<AppConfig, "appUrl" | "auth">,
  params: { identifier: string; url: string; token: string; expires: Date },
  locale: Locale,
): Promise<void> {
  const url = linkOnAppOrigin(params.url, config.appUrl);
  await sendMail(
    db,
    signInEmail({ to: params.identifier, url, token: params.token, expires: params.expires, locale, maxAgeSeconds: config.auth.signInLinkMaxAgeSeconds }),
  );
}

