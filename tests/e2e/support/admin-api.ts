// The ADMIN_API_TOKEN the app under test is started with (playwright.config.ts): a test value, never a real one.
export const E2E_ADMIN_API_TOKEN = "e2e-admin-api-token-0123456789abcdef";
/** The METRICS_TOKEN the app under test is started with. */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-0123456789abcdefgh";
