"use server";
// "Create an account" on a guest order's page: emails a sign-in link to the order's own email address.
import { and, eq, isNull, ne } from "drizzle-orm";
import { z } from "zod/mini";
import { redirect } from "next/navigation";
import { formField } from "@/lib/actions/form-field";
import { emailSignInLink } from "@/lib/auth/auth";
import { getDb } from "@/lib/db/client";
import { orders } from "@/lib/db/schema";
import { ORDER_TOKEN_PATTERN } from "@/lib/orders/order-queries";

const offerSchema = z.object({ token: z.string().check(z.regex(ORDER_TOKEN_PATTERN)) });

export async function createAccountFromOrderAction(formData: FormData): Promise<void> {
  const parsed = offerSchema.safeParse({ token: formField(formData, "token") });
  if (!parsed.success) return;
  const [order] = await getDb()
    .select({ email: orders.email })
    .from(orders)
    .where(and(eq(orders.publicToken, parsed.data.token), isNull(orders.userId), ne(orders.status, "pending")));
  if (!order) return;
  redirect(await emailSignInLink(order.email, "/account"));
}
