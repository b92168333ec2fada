// Liveness: the process is up and serving. (Readiness, with the database and Cheqpay, comes with operations.)
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
