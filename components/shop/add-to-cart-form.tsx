"use client";
// The one interactive piece of the product grid: posts to the Server Action (a plain form, so it also works
// without JavaScript) and announces the result in a polite live region next to the button.
import { useActionState } from "react";
import { addToCartAction, type AddToCartState } from "@/app/cart/actions";

const initialState: AddToCartState = { status: "idle" };

export function AddToCartForm({ productId, label }: { productId: string; label: string }) {
  const [state, formAction, pending] = useActionState(addToCartAction, initialState);
  return (
    <form action={formAction} className="add-to-cart" aria-busy={pending}>
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="quantity" value="1" />
      <button type="submit" className="button button--primary">
        {label}
      </button>
      <p role="status" className={`status-message${state.status === "error" ? " status-message--error" : ""}`}>
        {state.status === "idle" ? "" : state.message}
      </p>
    </form>
  );
}
