// Runs once when a server instance starts: validate the configuration (a bad one stops the start with a
// message naming the variable) and apply pending migrations (safe with several instances: advisory lock).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig } = await import("./lib/config");
  const config = getConfig();
  if (config.databaseUrl) {
    const { runMigrations } = await import("./lib/db/migrate");
    await runMigrations(config.databaseUrl);
  }
}
