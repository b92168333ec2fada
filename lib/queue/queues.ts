// The app's queues (pg-boss on our PostgreSQL) and how their jobs retry. One place, so the app, the tests and
// the start-up agree on names and policies.
export const QUEUES = {
  /** Calls Cheqpay for one refund (data: {refundId}). */
  processRefund: "process-refund",
  /** Sends one outbox email (data: {outboxId}). */
  sendEmail: "send-email",
  /** Every minute: moves stuck payment attempts on, sweeps unsent emails and unprocessed refunds. */
  reconcilePayments: "reconcile-payments",
  /** Every 5 minutes: the card payments' success rate of the last 15 minutes, alerting staff when it is low. */
  checkSuccessRate: "check-success-rate",
  /** Daily: warns in the log when the Cheqpay API key is older than 90 days. */
  checkKeyAge: "check-key-age",
  /** Daily: deletes refusals, sign-in requests and webhook ids past RECORDS_RETENTION_DAYS, and expired tokens. */
  pruneRecords: "prune-records",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** pg-boss queue options. `stately`: one job per key waiting and one running, so a sweep never piles them up. */
export const QUEUE_OPTIONS: Record<QueueName, { policy: "standard" | "stately" | "singleton"; retryLimit: number; retryDelay: number; retryBackoff: boolean; expireInSeconds: number }> = {
  "process-refund": { policy: "stately", retryLimit: 8, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 },
  "send-email": { policy: "stately", retryLimit: 10, retryDelay: 10, retryBackoff: true, expireInSeconds: 120 },
  "reconcile-payments": { policy: "singleton", retryLimit: 0, retryDelay: 0, retryBackoff: false, expireInSeconds: 240 },
  "check-success-rate": { policy: "singleton", retryLimit: 0, retryDelay: 0, retryBackoff: false, expireInSeconds: 120 },
  "check-key-age": { policy: "singleton", retryLimit: 0, retryDelay: 0, retryBackoff: false, expireInSeconds: 60 },
  "prune-records": { policy: "singleton", retryLimit: 2, retryDelay: 600, retryBackoff: false, expireInSeconds: 900 },
};

/** Sends a job. The app's code depends on this, not on pg-boss. */
export type JobQueue = {
  send(queue: QueueName, data: Record<string, string>, key: string): Promise<void>;
};
