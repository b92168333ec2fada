// Runs once when a server instance starts: validate the configuration and apply pending migrations (safe
// with several instances: advisory lock). A bad configuration stops the process with a message naming the
// variable; Next itself would only log it and then answer every request with a 500.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ConfigError, getConfig } = await import("./lib/config");
  let config;
  try {
    config = getConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Cheqpay Checkout cannot start. ${error.message}`);
    process.exit(1);
  }
  if (config.databaseUrl) {
    const { runMigrations } = await import("./lib/db/migrate");
    await runMigrations(config.databaseUrl);
  }
}
