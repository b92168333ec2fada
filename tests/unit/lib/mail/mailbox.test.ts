import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../../lib/config";
import { MailSendError } from "../../../../lib/mail/errors";
import { mailboxEnabled, previewDocument } from "../../../../lib/mail/mailbox";

describe("mail configuration", () => {
  it("defaults to no SMTP and the Cheqpay Checkout sender", () => {
    expect(loadConfig({}).mail).toEqual({ smtpUrl: null, from: "Cheqpay Checkout <no-reply@cheqpay-checkout.test>" });
  });

  it("takes SMTP_URL and MAIL_FROM, and refuses a non-SMTP URL", () => {
    const mail = loadConfig({ SMTP_URL: "smtp://user:pass@mail.example.com:587", MAIL_FROM: "Shop <shop@example.com>" }).mail;
    expect(mail).toEqual({ smtpUrl: "smtp://user:pass@mail.example.com:587", from: "Shop <shop@example.com>" });
    // A bad SMTP_URL stops the start like any other variable.
    expect(() => loadConfig({ SMTP_URL: "http://mail.example.com" })).toThrow(/SMTP_URL/);
  });
});

describe("mailboxEnabled", () => {
  it("is on only without SMTP_URL and outside production", () => {
    const config = loadConfig({});
    expect(mailboxEnabled(config)).toBe(true);
    expect(mailboxEnabled(loadConfig({ SMTP_URL: "smtp://127.0.0.1:2525" }))).toBe(false);
    const production = { ...config, cheqpay: { ...config.cheqpay, env: "production" as const } };
    expect(mailboxEnabled(production)).toBe(false);
  });
});

describe("previewDocument", () => {
  it("makes links open outside the sandboxed frame", () => {
    expect(previewDocument('<a href="https://example.com">x</a>')).toMatch(/^<!doctype html>.*<base target="_blank">.*<a href/);
  });
});

describe("MailSendError", () => {
  it("names the event and the code only", () => {
    const error = new MailSendError("order-confirmation:1", "id-1", "ECONNECTION");
    expect(error.message).toBe("Could not send mail for event order-confirmation:1 (message id-1): ECONNECTION");
    expect(error.name).toBe("MailSendError");
  });
});
