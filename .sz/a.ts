import { checkoutFormSchema } from "@/lib/checkout/checkout-form-schema";
console.log(checkoutFormSchema.safeParse({}));
