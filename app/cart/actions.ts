"use server";
// The cart's Server Actions: validate the form, call lib/cart, refresh what shows the cart. Plain forms post
// here, so they work before (or without) JavaScript.
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { formField } from "@/lib/actions/form-field";
import { addToCart, MAX_LINE_QUANTITY, removeCartLine, setCartLineQuantity } from "@/lib/cart/cart-queries";
import { ensureCartId, readCartId } from "@/lib/cart/cart-cookie";
import { getDb } from "@/lib/db/client";

export type AddToCartState = { status: "idle" } | { status: "added" | "error"; message: string };

const productId = z.guid();
const addInput = z.object({ productId, quantity: z.coerce.number().int().min(1).max(MAX_LINE_QUANTITY).default(1) });
const quantityInput = z.object({ productId, quantity: z.coerce.number().int().min(0).max(MAX_LINE_QUANTITY) });
const removeInput = z.object({ productId });

function fields(formData: FormData, names: string[]): Record<string, unknown> {
  // Absent fields are undefined (not null) so zod defaults apply.
  return Object.fromEntries(names.map((name) => [name, formField(formData, name) ?? undefined]));
}

/** For useActionState: the message goes to the product card's status line. */
export async function addToCartAction(_previous: AddToCartState, formData: FormData): Promise<AddToCartState> {
  const t = await getTranslations("shop");
  const input = addInput.safeParse(fields(formData, ["productId", "quantity"]));
  if (!input.success) return { status: "error", message: t("errors.invalid") };
  const db = getDb();
  const result = await addToCart(db, await ensureCartId(db), input.data.productId, input.data.quantity);
  if (!result.ok) {
    const known = result.error === "product_unavailable" || result.error === "max_quantity_reached";
    const message = known ? t(`errors.${result.error}`, { max: MAX_LINE_QUANTITY }) : t("errors.failed");
    return { status: "error", message };
  }
  revalidatePath("/", "layout");
  const message = result.capped
    ? t("addedCapped", { name: result.productName, max: MAX_LINE_QUANTITY })
    : t("added", { name: result.productName, quantity: result.quantity });
  return { status: "added", message };
}

export async function changeQuantityAction(formData: FormData): Promise<void> {
  const input = quantityInput.safeParse(fields(formData, ["productId", "quantity"]));
  const cartId = await readCartId();
  if (!input.success || !cartId) return;
  // A refused change leaves the cart as it was; the page re-renders with the truth.
  await setCartLineQuantity(getDb(), cartId, input.data.productId, input.data.quantity);
  revalidatePath("/", "layout");
}

export async function removeFromCartAction(formData: FormData): Promise<void> {
  const input = removeInput.safeParse(fields(formData, ["productId"]));
  const cartId = await readCartId();
  if (!input.success || !cartId) return;
  await removeCartLine(getDb(), cartId, input.data.productId);
  revalidatePath("/", "layout");
}
