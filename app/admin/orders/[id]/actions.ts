"use server";
// The back office's refund: thin. Staff first (anyone else: 404, nothing runs), then the form's shared schema,
// then lib/refunds. The refund is recorded PENDING and queued; the job calls Cheqpay.
import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
import { formField } from "@/lib/actions/form-field";
import { validatedAction } from "@/lib/actions/validated-action";
import { requireStaff } from "@/lib/admin/current-staff";
import { type RefundFormState, refundFormSchema } from "@/lib/admin/refund-form-schema";
import { getDb } from "@/lib/db/client";
import { formatMoney } from "@/lib/money/format-money";
import { defaultJobQueue } from "@/lib/queue/default-queue";
import type { JobQueue } from "@/lib/queue/queues";
import { requestRefund } from "@/lib/refunds/request-refund";

/** Without the server's queue (a script, a test) the every-minute sweep queues the refund. */
const NO_QUEUE: JobQueue = { send: async () => undefined };

export async function requestRefundAction(_previous: RefundFormState, formData: FormData): Promise<RefundFormState> {
  const staff = await requireStaff();
  const text = (name: string) => {
    const value = formField(formData, name);
    return typeof value === "string" ? value : "";
  };
  const values = { amount: text("amount"), reason: text("reason") };
  const refund = validatedAction(refundFormSchema, (input) =>
    requestRefund(getDb(), defaultJobQueue() ?? NO_QUEUE, {
      orderId: input.orderId,
      amountCentavos: input.amount,
      reason: input.reason,
      requestedBy: staff.id,
    }),
  );
  const result = await refund({ orderId: formField(formData, "orderId"), amount: formField(formData, "amount"), reason: formField(formData, "reason") });
  if (result.kind === "invalid") return { kind: "invalid", fieldErrors: result.fieldErrors, values };

  const [t, locale] = await Promise.all([getTranslations("admin.refund"), getLocale()]);
  if (result.kind === "not-found") return { kind: "invalid", fieldErrors: { form: "notFound" }, values };
  const orderId = text("orderId");
  revalidatePath(`/admin/orders/${orderId}`);
  if (result.kind === "refused") {
    const remaining = formatMoney(result.remainingCentavos, "MXN", locale);
    const message = {
      "order-not-paid": t("notPaid"),
      "amount-invalid": t("invalidAmount"),
      "amount-exceeds-remaining": t("exceeds", { remaining }),
      "nothing-to-refund": t("nothingLeft"),
    }[result.refusal];
    return { kind: "refused", refusal: result.refusal, message, values };
  }
  return { kind: "accepted", message: t("accepted", { amount: formatMoney(result.refund.amountCentavos, result.refund.currency, locale) }) };
}
