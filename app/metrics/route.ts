// GET /metrics: Prometheus text format, only with `Authorization: Bearer <METRICS_TOKEN>` (404 otherwise, and
// when no token is configured). This instance's own series: Prometheus adds up the instances.
import { getConfig } from "@/lib/config";
import { bearerTokenMatches } from "@/lib/http/bearer-token";
import { getMetrics } from "@/lib/observability/metrics";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  if (!bearerTokenMatches(request.headers.get("authorization"), getConfig().operations.metricsToken)) {
    return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const { registry } = getMetrics();
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}
