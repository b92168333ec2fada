"use client";
// While a payment is still being processed, asks for the order's status every few seconds and refreshes the
// page (server-rendered from our database) once it changes.
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function OrderStatusWatcher({ token, state, intervalMs = 2000 }: { token: string; state: string; intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(async () => {
      const response = await fetch(`/api/orders/${token}/status`, { cache: "no-store" }).catch(() => null);
      const body = response?.ok ? ((await response.json()) as { state: string }) : null;
      if (!stopped && body && body.state !== state) {
        stopped = true;
        clearInterval(timer);
        router.refresh();
      }
    }, intervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [token, state, intervalMs, router]);
  return null;
}
