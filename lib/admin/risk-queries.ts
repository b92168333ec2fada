// The back office's card-testing view (/admin/risk): for the last hour or 24 hours, each client IP that paid or
// was refused, with its attempts, card declines, refusals, distinct cards and emails, when it was last seen, and
// whether its next payment would be refused now. One query: attempts and refusals grouped by IP, joined.
import { sql } from "drizzle-orm";
import type { PaymentLimits } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import type { PaymentLimitName } from "@/lib/db/schema";
import { isCardDecline } from "@/lib/checkout/payment-limits";
import { windowInterval } from "@/lib/limits/window-count-sql";

export const RISK_PERIODS = ["1h", "24h"] as const;
export type RiskPeriod = (typeof RISK_PERIODS)[number];

const PERIOD_MINUTES: Record<RiskPeriod, number> = { "1h": 60, "24h": 24 * 60 };

/** The `?period=` of /admin/risk; anything else is the last 24 hours. */
export function parseRiskPeriod(value: unknown): RiskPeriod {
  return typeof value === "string" && (RISK_PERIODS as readonly string[]).includes(value) ? (value as RiskPeriod) : "24h";
}

export type IpRisk = {
  clientIp: string;
  /** In the period. */
  attempts: number;
  declines: number;
  refusals: number;
  cards: number;
  emails: number;
  lastSeen: Date;
  /** In the limits' window (now): what the next payment from this IP is counted against. */
  windowAttempts: number;
  windowDeclines: number;
  /** The limits that refused this IP's payments in the period. */
  refusedBy: PaymentLimitName[];
};

/** The IP's next payment would be refused now (its attempts or declines in the window are at their limit). */
export function isOverLimitNow(row: Pick<IpRisk, "windowAttempts" | "windowDeclines">, limits: PaymentLimits): boolean {
  return row.windowAttempts >= limits.attemptsPerIp || row.windowDeclines >= limits.declinesPerIp;
}

/** At most this many IPs are listed: the ones with the most declines, refusals and attempts first. */
export const RISK_ROWS = 100;

export async function ipRisk(db: Database, period: RiskPeriod, limits: PaymentLimits): Promise<IpRisk[]> {
  const since = windowInterval(PERIOD_MINUTES[period]);
  const window = windowInterval(limits.windowMinutes);
  const inPeriod = sql`r.created_at > now() - ${since}`;
  const inWindow = sql`r.created_at > now() - ${window}`;
  const rows = (await db.execute(sql`
    with attempts as (
      select r.client_ip,
             count(*) filter (where ${inPeriod})::int as attempts,
             count(*) filter (where ${inPeriod} and ${isCardDecline("r")})::int as declines,
             count(distinct concat_ws(':', r.card_brand, r.card_last4, r.card_expiry_month, r.card_expiry_year)) filter (where ${inPeriod})::int as cards,
             count(distinct r.email) filter (where ${inPeriod})::int as emails,
             count(*) filter (where ${inWindow})::int as window_attempts,
             count(*) filter (where ${inWindow} and ${isCardDecline("r")})::int as window_declines,
             max(r.created_at) as last_attempt
      from payment_attempts r
      where r.client_ip is not null and r.created_at > now() - greatest(${since}, ${window})
      group by r.client_ip
    ), refusals as (
      select f.client_ip, count(*)::int as refusals, max(f.created_at) as last_refusal,
             array_agg(distinct f.limit_name order by f.limit_name) as refused_by
      from payment_limit_refusals f
      where f.client_ip is not null and f.created_at > now() - ${since}
      group by f.client_ip
    )
    select coalesce(a.client_ip, f.client_ip) as client_ip,
           coalesce(a.attempts, 0) as attempts, coalesce(a.declines, 0) as declines, coalesce(f.refusals, 0) as refusals,
           coalesce(a.cards, 0) as cards, coalesce(a.emails, 0) as emails,
           coalesce(a.window_attempts, 0) as window_attempts, coalesce(a.window_declines, 0) as window_declines,
           (extract(epoch from greatest(a.last_attempt, f.last_refusal)) * 1000)::float8 as last_seen_ms,
           coalesce(f.refused_by, '{}') as refused_by
    from attempts a
    full join refusals f on f.client_ip = a.client_ip
    where coalesce(a.attempts, 0) + coalesce(a.window_attempts, 0) + coalesce(f.refusals, 0) > 0
    order by declines desc, refusals desc, attempts desc, last_seen_ms desc
    limit ${RISK_ROWS}`)) as unknown as Record<string, unknown>[];
  return rows.map((row) => ({
    clientIp: String(row.client_ip),
    attempts: Number(row.attempts),
    declines: Number(row.declines),
    refusals: Number(row.refusals),
    cards: Number(row.cards),
    emails: Number(row.emails),
    lastSeen: new Date(Number(row.last_seen_ms)),
    windowAttempts: Number(row.window_attempts),
    windowDeclines: Number(row.window_declines),
    refusedBy: textArray(row.refused_by) as PaymentLimitName[],
  }));
}

/** A text[] as postgres.js gives it through drizzle: an array, or its literal (`{a,b}`) when not parsed. */
function textArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== "string" || value === "{}") return [];
  return value.replace(/^\{|\}$/g, "").split(",").map((v) => v.replace(/^"|"$/g, ""));
}
