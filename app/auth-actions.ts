"use server";
// Signing out (the header's button): the session row is deleted and its cookie cleared.
import { signOut } from "@/lib/auth/auth";

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
