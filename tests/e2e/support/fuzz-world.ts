// The world the fuzz test attacks: its own database, sandbox and app instance, and in it other shoppers' real
// things to aim at: a guest's paid order, an account's paid order and saved card, a 3-D Secure payment waiting
// for its shopper; plus an account that owns none of them and a staff account. Nothing is left that a background
// job could change while the test runs: the confirmation emails are sent before the snapshot, and the waiting
// 3-D Secure attempt is expired by the reconciliation only after its 10-minute session.
import postgres from "postgres";
import { createFreshDatabase, type FreshDatabase } from "../../../scripts/lib/test-database";
import { createDatabase, type Database } from "../../../lib/db/client";
import { type AppInstance, startAppInstance, waitUntilReady } from "../../support/app-instance";
import { startSandboxProcess, type SandboxProcess } from "../../support/sandbox-process";
import { serverActionId } from "../../support/server-action";
import { cartCookie, checkoutFields } from "../../support/system-shopper";
import { callActionOverHttp } from "./action-over-http";

export const SESSION_COOKIE = "__Secure-authjs.session-token";
export const FUZZ_ADMIN_TOKEN = "fuzz-admin-api-token-0123456789abcdef";
export const FUZZ_STAFF_EMAIL = "fuzz-staff@example.com";
const CHALLENGE_CARD = "4000000000002503";

export type FuzzWorld = {
  app: AppInstance;
  sandbox: SandboxProcess;
  database: FreshDatabase;
  db: Database;
  sql: postgres.Sql;
  /** The attacker's cart (a product in it, no order): a guest, or signed in as an account owning nothing. */
  guestCookie: string;
  signedInCookie: string;
  staffCookie: string;
  other: {
    paidOrders: { id: string; token: string; totalCentavos: number }[];
    pendingOrder: { id: string; token: string };
    attemptIds: string[];
    submissionKeys: string[];
    externalIds: string[];
    cheqpayOrderIds: string[];
    paymentMethodIds: string[];
    savedCardIds: string[];
    userIds: string[];
  };
  stop(): Promise<void>;
};

export const actionIds = () => ({
  payWithCard: serverActionId("app/checkout/actions.ts", "payWithCard"),
  continueAuthentication: serverActionId("app/checkout/actions.ts", "continueAuthentication"),
  abandonAuthentication: serverActionId("app/checkout/actions.ts", "abandonAuthentication"),
});

async function accountWithSession(sql: postgres.Sql, email: string, cheqpayCustomerId: string | null): Promise<{ id: string; cookie: string }> {
  const id = crypto.randomUUID();
  const token = crypto.randomUUID();
  await sql`insert into users (id, email, first_name, last_name, cheqpay_customer_id) values (${id}, ${email}, 'Fuzz', 'Shopper', ${cheqpayCustomerId})`;
  // Thirty days ahead: Auth.js extends a session only near its end, so using it writes nothing.
  await sql`insert into sessions (session_token, user_id, expires) values (${token}, ${id}, now() + interval '30 days')`;
  return { id, cookie: `${SESSION_COOKIE}=${token}` };
}

export async function startFuzzWorld(): Promise<FuzzWorld> {
  const database = await createFreshDatabase(process.env.DATABASE_URL);
  const sandbox = await startSandboxProcess();
  const app = await startAppInstance({
    databaseUrl: database.url,
    cheqpayBaseUrl: sandbox.baseUrl,
    env: {
      ADMIN_API_TOKEN: FUZZ_ADMIN_TOKEN,
      ADMIN_EMAILS: FUZZ_STAFF_EMAIL,
      CHEQPAY_WEBHOOK_SECRET: sandbox.webhookSecret,
      // Card-testing limits (when the build has them) far above what the setup's payments use.
      PAYMENT_LIMIT_ATTEMPTS_PER_IP: "100000",
      PAYMENT_LIMIT_DECLINES_PER_IP: "100000",
      PAYMENT_LIMIT_ATTEMPTS_PER_EMAIL: "100000",
      PAYMENT_LIMIT_ATTEMPTS_PER_ORDER: "100000",
    },
  });
  await waitUntilReady(`${app.url}/api/ready`);
  const { db, sql } = createDatabase(database.url, { max: 4 });
  const ids = actionIds();
  const pay = async (cookie: string, form: Record<string, unknown>) => {
    const answer = await callActionOverHttp({ baseUrl: app.url, pagePath: "/checkout", actionId: ids.payWithCard, args: [form], cookie });
    return answer.result as { kind: string; attemptId?: string };
  };

  // A guest pays; an account pays and saves its card; a third shopper stops at 3-D Secure's first step.
  const guest = await cartCookie(db, 2);
  expectKind(await pay(guest.cookie, checkoutFields()), "paid");
  const saver = await accountWithSession(sql, `fuzz-saver-${crypto.randomUUID().slice(0, 8)}@example.com`, null);
  const saverCart = await cartCookie(db);
  expectKind(await pay(`${saverCart.cookie}; ${saver.cookie}`, checkoutFields({ saveCard: true })), "paid");
  const waiting = await cartCookie(db);
  expectKind(await pay(waiting.cookie, checkoutFields({ cardNumber: CHALLENGE_CARD })), "device-data");

  const attacker = await accountWithSession(sql, `fuzz-attacker-${crypto.randomUUID().slice(0, 8)}@example.com`, "cus_fuzz_attacker");
  const staff = await accountWithSession(sql, FUZZ_STAFF_EMAIL, null);
  const fuzzCart = await cartCookie(db);
  await waitForEmailsSent(sql, 2);

  const orders = await sql<{ id: string; public_token: string; status: string; total_centavos: number }[]>`
    select id, public_token, status, total_centavos from orders order by created_at`;
  const attempts = await sql<{ id: string; submission_key: string; external_id: string; cheqpay_order_id: string | null }[]>`
    select id, submission_key, external_id, cheqpay_order_id from payment_attempts`;
  const cards = await sql<{ id: string; payment_method_id: string }[]>`select id, payment_method_id from saved_cards`;
  const pending = orders.find((o) => o.status === "pending")!;
  return {
    app,
    sandbox,
    database,
    db,
    sql,
    guestCookie: fuzzCart.cookie,
    signedInCookie: `${fuzzCart.cookie}; ${attacker.cookie}`,
    staffCookie: staff.cookie,
    other: {
      paidOrders: orders.filter((o) => o.status === "paid").map((o) => ({ id: o.id, token: o.public_token, totalCentavos: o.total_centavos })),
      pendingOrder: { id: pending.id, token: pending.public_token },
      attemptIds: attempts.map((a) => a.id),
      submissionKeys: attempts.map((a) => a.submission_key),
      externalIds: attempts.map((a) => a.external_id),
      cheqpayOrderIds: attempts.flatMap((a) => (a.cheqpay_order_id ? [a.cheqpay_order_id] : [])),
      paymentMethodIds: cards.map((c) => c.payment_method_id),
      savedCardIds: cards.map((c) => c.id),
      userIds: [saver.id],
    },
    async stop() {
      await sql.end({ timeout: 5 }).catch(() => undefined);
      await app.stop().catch(() => undefined);
      await sandbox.stop().catch(() => undefined);
      await database.drop().catch(() => undefined);
    },
  };
}

function expectKind(step: { kind: string } | undefined, kind: string): void {
  if (step?.kind !== kind) throw new Error(`setup: expected a ${kind} step, got ${JSON.stringify(step)}`);
}

/** The setup's confirmation emails are sent by a job: wait until none is left to send. */
async function waitForEmailsSent(sql: postgres.Sql, count: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await sql<{ total: number; unsent: number }[]>`
      select count(*)::int as total, count(*) filter (where sent_at is null)::int as unsent from email_outbox`;
    if (row!.total >= count && row!.unsent === 0) return;
    if (Date.now() > deadline) throw new Error(`setup: emails not sent after ${timeoutMs} ms (${JSON.stringify(row)})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
