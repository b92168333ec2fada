// Distinctive secret values the app under test is built and started with (playwright.config.ts): npm test's
// secrets scan looks for each of them in the build (never in .next/static at all) and in what the run left.
// Test values, never real ones. The sandbox started with the app takes the same API key and webhook secret.
export const E2E_CHEQPAY_API_KEY = "sk_test_e2e_build_key_5f1c9a7e3b2d";
export const E2E_WEBHOOK_SECRET = "whsec_e2e_build_secret_8d4e2a6c0f1b";
export const E2E_AUTH_SECRET = "e2e-build-auth-secret-2b7f9c1d4e6a8f0b3c5d";
