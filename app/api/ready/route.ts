// Readiness: the database answers, every migration is applied and Cheqpay's API is reachable. 200 when all
// hold, else 503 naming the failed checks (lib/operations/readiness.ts). Liveness alone is /api/health.
import { getConfig } from "@/lib/config";
import { getSql } from "@/lib/db/client";
import { getLogger } from "@/lib/observability/logger";
import { checkReadiness, readinessResponse } from "@/lib/operations/readiness";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const config = getConfig();
  const report = await checkReadiness({
    sql: config.databaseUrl ? getSql() : null,
    cheqpayBaseUrl: config.cheqpay.baseUrl,
    onError: (check, error) => getLogger().warn({ event: "readiness.check_failed", check, err: error }, `readiness check failed: ${check}`),
  });
  return readinessResponse(report);
}
