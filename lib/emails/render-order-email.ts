// The three order emails (confirmation, refund, failed payment) as HTML with a plain-text part, in the order's
// language, with the order link, support contact and policy links. Pure: data in, message out.
import { brandName } from "@/lib/accounts/card-label";
import { isLocale } from "@/lib/i18n/locales";
import type { OutboxEmailKind } from "@/lib/db/schema";
import type { BillingAddressJson } from "@/lib/checkout/checkout-order";
import type { MailMessage } from "@/lib/mail/send-mail";
import { formatMoney } from "@/lib/money/format-money";
import { policyLinks } from "@/lib/policies/policy-links";
import { EMAIL_COPY } from "./email-copy";
import { buttonHtml, type EmailFooter, escapeHtml, htmlDocument, textDocument } from "./email-layout";
import type { OrderEmailData } from "./order-email-data";

export type EmailContext = { appUrl: string; support: { email: string; phone: string } };

export function renderOrderEmail(kind: OutboxEmailKind, eventKey: string, data: OrderEmailData, context: EmailContext): MailMessage {
  const locale = isLocale(data.order.locale) ? data.order.locale : "es-MX";
  const copy = EMAIL_COPY[locale];
  const { order } = data;
  const money = (centavos: number) => formatMoney(centavos, order.currency, locale);
  const orderUrl = `${context.appUrl}/orders/${order.publicToken}`;
  const policies = policyLinks(context.appUrl);
  const footer: EmailFooter = {
    help: copy.labels.help,
    supportLine: copy.labels.supportLine(context.support.email, context.support.phone),
    links: [
      { label: copy.labels.refundPolicy, url: policies.refunds },
      { label: copy.labels.terms, url: policies.terms },
      { label: copy.labels.support, url: policies.support },
    ],
  };
  const n = order.orderNumber;
  if (kind === "order-confirmation") {
    const c = copy.orderConfirmation;
    const { html, text } = orderSummary(data, copy.labels, money);
    return {
      eventKey,
      to: order.email,
      subject: c.subject(n),
      html: htmlDocument(c.heading, `<p>${escapeHtml(c.intro(order.firstName))}</p>\n${html}\n${buttonHtml(copy.labels.viewOrder, orderUrl)}`, footer),
      text: textDocument(c.heading, `${c.intro(order.firstName)}\n\n${text}\n\n${copy.labels.viewOrder}: ${orderUrl}`, footer),
    };
  }
  if (kind === "refund-confirmation") {
    const c = copy.refundConfirmation;
    const amount = money(data.refund?.amountCentavos ?? 0);
    const totals = [
      `${copy.labels.refunded}: ${money(data.refundedCentavos)}`,
      `${copy.labels.remaining}: ${money(Math.max(0, order.totalCentavos - data.refundedCentavos))}`,
    ];
    return {
      eventKey,
      to: order.email,
      subject: c.subject(n),
      html: htmlDocument(
        c.heading,
        [`<p>${escapeHtml(c.intro(amount, n))}</p>`, `<p>${escapeHtml(c.timing)}</p>`, `<p>${totals.map(escapeHtml).join("<br>")}</p>`, buttonHtml(copy.labels.viewOrder, orderUrl)].join("\n"),
        footer,
      ),
      text: textDocument(c.heading, `${c.intro(amount, n)}\n${c.timing}\n\n${totals.join("\n")}\n\n${copy.labels.viewOrder}: ${orderUrl}`, footer),
    };
  }
  const c = copy.paymentFailed;
  return {
    eventKey,
    to: order.email,
    subject: c.subject(n),
    html: htmlDocument(c.heading, `<p>${escapeHtml(c.intro(n))}</p>\n<p>${escapeHtml(c.retry)}</p>\n${buttonHtml(copy.labels.viewOrder, orderUrl)}`, footer),
    text: textDocument(c.heading, `${c.intro(n)}\n${c.retry}\n\n${copy.labels.viewOrder}: ${orderUrl}`, footer),
  };
}

function orderSummary(
  data: OrderEmailData,
  labels: (typeof EMAIL_COPY)["en"]["labels"],
  money: (centavos: number) => string,
): { html: string; text: string } {
  const { order, lines, card } = data;
  const address = order.billingAddress as BillingAddressJson;
  const cell = 'style="padding:6px 4px;border-bottom:1px solid #e3e8ee;text-align:left"';
  const rows = lines
    .map((line) => `<tr><td ${cell}>${escapeHtml(line.name)}</td><td ${cell}>${escapeHtml(String(line.quantity))}</td><td ${cell}>${escapeHtml(money(line.lineTotalCentavos))}</td></tr>`)
    .join("");
  const cardText = card?.last4 ? labels.card(brandName(card.brand ?? "", "Card"), card.last4) : null;
  const addressLines = [`${order.firstName} ${order.lastName}`, address.line1, `${address.city}, ${address.state} ${address.postalCode}`, address.country];
  const html = [
    `<h2 style="font-size:17px;margin:20px 0 8px">${escapeHtml(labels.order(order.orderNumber))}</h2>`,
    `<table style="width:100%;border-collapse:collapse"><thead><tr><th ${cell}>${escapeHtml(labels.item)}</th><th ${cell}>${escapeHtml(labels.quantity)}</th><th ${cell}>${escapeHtml(labels.price)}</th></tr></thead><tbody>${rows}</tbody></table>`,
    `<p style="margin:12px 0">${escapeHtml(labels.subtotal)}: ${escapeHtml(money(order.subtotalCentavos))}<br><strong>${escapeHtml(labels.total)}: ${escapeHtml(money(order.totalCentavos))}</strong></p>`,
    cardText ? `<p style="margin:12px 0"><strong>${escapeHtml(labels.payment)}:</strong> ${escapeHtml(cardText)}</p>` : "",
    `<p style="margin:12px 0"><strong>${escapeHtml(labels.billingAddress)}:</strong><br>${addressLines.map(escapeHtml).join("<br>")}</p>`,
  ].join("\n");
  const text = [
    labels.order(order.orderNumber),
    ...lines.map((line) => `- ${line.name} × ${line.quantity}: ${money(line.lineTotalCentavos)}`),
    `${labels.subtotal}: ${money(order.subtotalCentavos)}`,
    `${labels.total}: ${money(order.totalCentavos)}`,
    cardText ? `${labels.payment}: ${cardText}` : "",
    `${labels.billingAddress}: ${addressLines.join(", ")}`,
  ]
    .filter(Boolean)
    .join("\n");
  return { html, text };
}
