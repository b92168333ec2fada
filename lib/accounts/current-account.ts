// The signed-in shopper's account, read once per request from our database (never from the browser).
import { eq } from "drizzle-orm";
import { cookies } from "next/headers";
import { cache } from "react";
import { auth } from "@/lib/auth/auth";
import { hasSessionCookie } from "@/lib/auth/session-cookie";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema";

export type Account = {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  cheqpayCustomerId: string | null;
};

export const currentAccount = cache(async (): Promise<Account | null> => {
  if (!hasSessionCookie((await cookies()).getAll().map((cookie) => cookie.name))) return null;
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  return loadAccount(getDb(), userId);
});

export async function loadAccount(db: ReturnType<typeof getDb>, userId: string): Promise<Account | null> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      cheqpayCustomerId: users.cheqpayCustomerId,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}
