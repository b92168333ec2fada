// The words of the order emails, in the shopper's language (the order's locale). Kept beside the templates:
// the job that sends them runs outside any request, so it does not use next-intl's request context.
import type { Locale } from "@/lib/i18n/locales";

type Copy = {
  orderConfirmation: { subject: (n: number) => string; heading: string; intro: (name: string) => string };
  refundConfirmation: { subject: (n: number) => string; heading: string; intro: (amount: string, n: number) => string; timing: string };
  paymentFailed: { subject: (n: number) => string; heading: string; intro: (n: number) => string; retry: string };
  labels: {
    order: (n: number) => string;
    item: string;
    quantity: string;
    price: string;
    subtotal: string;
    total: string;
    payment: string;
    card: (brand: string, last4: string) => string;
    billingAddress: string;
    viewOrder: string;
    refunded: string;
    remaining: string;
    help: string;
    supportLine: (email: string, phone: string) => string;
    refundPolicy: string;
    terms: string;
    support: string;
  };
};

export const EMAIL_COPY: Record<Locale, Copy> = {
  "es-MX": {
    orderConfirmation: {
      subject: (n) => `Tu pedido #${n} está confirmado`,
      heading: "¡Gracias por tu compra!",
      intro: (name) => `Hola ${name}, recibimos tu pago. Este es el resumen de tu pedido.`,
    },
    refundConfirmation: {
      subject: (n) => `Reembolso de tu pedido #${n}`,
      heading: "Te enviamos un reembolso",
      intro: (amount, n) => `Reembolsamos ${amount} de tu pedido #${n} a la misma tarjeta con la que pagaste.`,
      timing: "Tu banco puede tardar de 5 a 10 días hábiles en mostrarlo en tu estado de cuenta.",
    },
    paymentFailed: {
      subject: (n) => `No se completó el pago de tu pedido #${n}`,
      heading: "Tu pago no se completó",
      intro: (n) => `El pago de tu pedido #${n} no fue aprobado y no se hizo ningún cargo a tu tarjeta.`,
      retry: "Puedes intentarlo de nuevo con otra tarjeta desde tu pedido.",
    },
    labels: {
      order: (n) => `Pedido #${n}`,
      item: "Producto",
      quantity: "Cantidad",
      price: "Precio",
      subtotal: "Subtotal",
      total: "Total",
      payment: "Pago",
      card: (brand, last4) => `${brand} terminada en ${last4}`,
      billingAddress: "Dirección de facturación",
      viewOrder: "Ver tu pedido",
      refunded: "Reembolsado en total",
      remaining: "Pagado después de reembolsos",
      help: "¿Necesitas ayuda?",
      supportLine: (email, phone) => `Escríbenos a ${email} o llámanos al ${phone}.`,
      refundPolicy: "Política de reembolsos",
      terms: "Términos de venta",
      support: "Soporte",
    },
  },
  en: {
    orderConfirmation: {
      subject: (n) => `Your order #${n} is confirmed`,
      heading: "Thank you for your order!",
      intro: (name) => `Hi ${name}, we've received your payment. Here is a summary of your order.`,
    },
    refundConfirmation: {
      subject: (n) => `Refund for your order #${n}`,
      heading: "We've sent you a refund",
      intro: (amount, n) => `We refunded ${amount} of your order #${n} to the card you paid with.`,
      timing: "Your bank may take 5 to 10 business days to show it on your statement.",
    },
    paymentFailed: {
      subject: (n) => `The payment for your order #${n} didn't go through`,
      heading: "Your payment didn't go through",
      intro: (n) => `The payment for your order #${n} was not approved and your card has not been charged.`,
      retry: "You can try again with another card from your order.",
    },
    labels: {
      order: (n) => `Order #${n}`,
      item: "Item",
      quantity: "Quantity",
      price: "Price",
      subtotal: "Subtotal",
      total: "Total",
      payment: "Payment",
      card: (brand, last4) => `${brand} ending in ${last4}`,
      billingAddress: "Billing address",
      viewOrder: "View your order",
      refunded: "Refunded in total",
      remaining: "Paid after refunds",
      help: "Need help?",
      supportLine: (email, phone) => `Email us at ${email} or call ${phone}.`,
      refundPolicy: "Refund policy",
      terms: "Terms of sale",
      support: "Support",
    },
  },
};
