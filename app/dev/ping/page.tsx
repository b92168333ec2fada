// The benchmark's trivial Server Action, on a page of its own. A 404 when CHEQPAY_ENV=production (as the mailbox).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getConfig } from "@/lib/config";
import { PingButton } from "./ping-button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Ping", robots: { index: false } };

export default function PingPage() {
  if (getConfig().cheqpay.env === "production") notFound();
  return (
    <main>
      <h1>Ping</h1>
      <PingButton />
    </main>
  );
}
