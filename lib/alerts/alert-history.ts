// The back office's list of every success-rate alert and recovery, newest first (/admin/alerts).
import { desc } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { alerts } from "@/lib/db/schema";

export type AlertHistoryRow = typeof alerts.$inferSelect;

/** Alerts are few (at most one change of state per check, every 5 minutes): the newest `limit` of them. */
export function listAlerts(db: Database, limit = 500): Promise<AlertHistoryRow[]> {
  return db.select().from(alerts).orderBy(desc(alerts.createdAt)).limit(limit);
}
