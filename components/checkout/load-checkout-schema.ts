// The checkout schema (and zod) as a chunk of its own, loaded when the shopper first touches the form rather
// than with the page: the page's first JS and its main-thread work stay smaller (issue 9). Loaded once; a
// failed load is tried again next time.
import type { checkoutFormSchema } from "@/lib/checkout/checkout-form-schema";

let loading: Promise<typeof checkoutFormSchema> | null = null;

export function loadCheckoutSchema(): Promise<typeof checkoutFormSchema> {
  if (!loading) {
    const started = import("@/lib/checkout/checkout-form-schema").then((schema) => schema.checkoutFormSchema);
    started.catch(() => {
      if (loading === started) loading = null;
    });
    loading = started;
  }
  return loading;
}
