"use client";
// While a refund is being processed, re-renders the (server-rendered) order page every few seconds, for a few
// minutes at most: staff see it succeed or fail without reloading. The form keeps what it shows.
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function PendingRefresh({ intervalMs = 3000, maxTries = 60 }: { intervalMs?: number; maxTries?: number }) {
  const router = useRouter();
  useEffect(() => {
    let tries = 0;
    const timer = setInterval(() => {
      tries += 1;
      if (tries > maxTries) clearInterval(timer);
      else router.refresh();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, maxTries, router]);
  return null;
}
