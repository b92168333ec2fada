// Next calls register() once per server instance; the work lives in lib/startup (Node runtime only).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { onServerStart } = await import("./lib/startup/on-server-start");
    await onServerStart();
  }
}
