// The back office's orders list: search (order number, email, a card's last 4 digits), filters (status,
// date range in Mexico City's days), newest first, a page at a time. One query for the page (the card shown is
// the order's successful attempt's, else its latest one's, through a lateral join) and, when the page does not
// tell the total, one count, exact up to COUNT_CAP. At a million orders every search stays on an index (see drizzle/0006_order_search_indexes.sql):
// an email fragment on the trigram index (given only the fragment's rare parts: email-fragment-parts.ts), a
// card's last 4 on the attempts' last4 index, the list on (created_at, order_number) read backwards.
import { and, count, desc, eq, gte, ilike, lt, type SQL, sql } from "drizzle-orm";
import { z } from "zod/mini";
import { type EmailSample, emailSample, rareParts } from "@/lib/admin/email-fragment-parts";
import type { Database } from "@/lib/db/client";
import { type OrderStatus, orders, paymentAttempts } from "@/lib/db/schema";
import { SINGLE_LINE_TEXT } from "@/lib/validation/plain-text";

export const ORDER_STATUSES = ["pending", "paid", "partially_refunded", "refunded"] as const satisfies readonly OrderStatus[];
export const ORDERS_PER_PAGE = 25;
/** Days are Mexico City's: "from 2025-03-01" starts at midnight there. */
export const BACK_OFFICE_TIME_ZONE = "America/Mexico_City";

export type OrderSearch = {
  q: string;
  status: OrderStatus | null;
  /** YYYY-MM-DD, inclusive. */
  from: string | null;
  /** YYYY-MM-DD, inclusive. */
  to: string | null;
  page: number;
};

export type OrderListRow = {
  id: string;
  orderNumber: number;
  createdAt: Date;
  email: string;
  status: OrderStatus;
  totalCentavos: number;
  currency: string;
  cardBrand: string | null;
  cardLast4: string | null;
};

/** Matches are counted exactly up to this many; beyond it the list says "1,000+": counting a broad search
 *  (every order, a common email domain) over a million orders would cost far more than its page, and counting
 *  up to 10,000 instead measured up to ten times slower (a common email fragment with a status: 166 ms p50). */
export const COUNT_CAP = 1_000;

export type OrderSearchResult = {
  rows: OrderListRow[];
  /** The number of matches, or COUNT_CAP when there are more (`totalCapped`). */
  total: number;
  totalCapped: boolean;
  page: number;
  /** Exact when the total is; else a lower bound (at least the pages up to COUNT_CAP, and the next one if any). */
  pageCount: number;
  pageSize: number;
  /** There are matches after this page. */
  hasNextPage: boolean;
};

type Query = Record<string, string | string[] | undefined>;

const fields = {
  // A control character (NUL, which PostgreSQL refuses in a pattern) makes the search text ignored.
  q: z.string().check(z.trim(), z.maxLength(100), z.regex(SINGLE_LINE_TEXT)),
  status: z.enum(ORDER_STATUSES),
  date: z.iso.date(),
  page: z.coerce.number().check(z.int(), z.gte(1), z.lte(1_000_000)),
};

/** The query string as a search: anything malformed is ignored (its default), never an error. */
export function parseOrderSearch(query: Query): OrderSearch {
  const first = (name: string) => {
    const value = query[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const pick = <T>(schema: z.ZodMiniType<T>, name: string): T | undefined => {
    const parsed = schema.safeParse(first(name));
    return parsed.success ? parsed.data : undefined;
  };
  let from = pick(fields.date, "from") ?? null;
  let to = pick(fields.date, "to") ?? null;
  if (from && to && from > to) [from, to] = [to, from];
  return { q: pick(fields.q, "q") ?? "", status: pick(fields.status, "status") ?? null, from, to, page: pick(fields.page, "page") ?? 1 };
}

/** The same search as a query string (for the pagination links); `page` 1 and empty fields are left out. */
export function orderSearchQuery(search: OrderSearch, page = search.page): string {
  const params = new URLSearchParams();
  if (search.q) params.set("q", search.q);
  if (search.status) params.set("status", search.status);
  if (search.from) params.set("from", search.from);
  if (search.to) params.set("to", search.to);
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `q`'s digits when it is an order number ("1234", "#1234"). */
const orderNumberDigits = (q: string) => /^#?\s*(\d+)$/.exec(q)?.[1];

/** What `q` finds: digits are an order number (and, four of them, a card's last 4); anything else, the email. */
function textCondition(q: string, sample: EmailSample | null): SQL | undefined {
  if (!q) return undefined;
  const digits = orderNumberDigits(q);
  if (digits === undefined) return emailCondition(q, sample);
  const number = digits.length <= 15 ? eq(orders.orderNumber, Number(digits)) : sql`false`;
  if (!/^\d{4}$/.test(q)) return number;
  // The order with that number and the orders of the attempts with that last4, as one set of ids: both sides
  // are index lookups (an `or` of the two would test every order).
  return sql`${orders.id} in (
    select ${paymentAttempts.orderId} from ${paymentAttempts} where ${paymentAttempts.cardLast4} = ${q}
    union all
    select o.id from ${orders} o where o.order_number = ${Number(digits)})`;
}

/** Emails containing `q`, in any case. The index looks up the fragment's rare parts; the whole fragment is
 *  checked on what they find, as `lower(email) like lower(…)` (what ilike does), which the index does not
 *  serve: the planner would otherwise hand it to the index, every trigram with it. */
function emailCondition(q: string, sample: EmailSample | null): SQL | undefined {
  const pattern = `%${escapeLike(q)}%`;
  const parts = rareParts(q, sample);
  if (!parts) return ilike(orders.email, pattern);
  return and(...parts.map((part) => ilike(orders.email, `%${escapeLike(part)}%`)), sql`lower(${orders.email}) like lower(${pattern})`);
}

const startOfDay = (day: string) => sql`((${day}::date)::timestamp at time zone ${BACK_OFFICE_TIME_ZONE})`;
const startOfNextDay = (day: string) => sql`((${day}::date + 1)::timestamp at time zone ${BACK_OFFICE_TIME_ZONE})`;

function whereOf(search: OrderSearch, sample: EmailSample | null): SQL | undefined {
  return and(
    textCondition(search.q, sample),
    search.status ? eq(orders.status, search.status) : undefined,
    search.from ? gte(orders.createdAt, startOfDay(search.from)) : undefined,
    search.to ? lt(orders.createdAt, startOfNextDay(search.to)) : undefined,
  );
}

/** The page's query (one row more than the page) and the capped count's, unexecuted: searchOrders runs them;
 *  the scale test EXPLAINs them. (Async: an email fragment's query depends on the emails' sample.) */
export async function orderSearchQueries(db: Database, search: OrderSearch, pageSize = ORDERS_PER_PAGE) {
  const isEmailSearch = search.q !== "" && orderNumberDigits(search.q) === undefined;
  const where = whereOf(search, isEmailSearch ? await emailSample(db) : null);
  // The page's orders first, then each one's card: the card is looked up for the page's rows only, whichever
  // way the planner finds the matches (a bitmap of them is sorted after, and would be joined in full).
  const matches = db
    .select({
      id: orders.id,
      orderNumber: orders.orderNumber,
      createdAt: orders.createdAt,
      email: orders.email,
      status: orders.status,
      totalCentavos: orders.totalCentavos,
      currency: orders.currency,
    })
    .from(orders)
    .where(where)
    .orderBy(desc(orders.createdAt), desc(orders.orderNumber))
    // One more than the page: whether there is a next one, whatever the count says.
    .limit(pageSize + 1)
    .offset((search.page - 1) * pageSize)
    .as("matches");
  const card = db
    .select({ brand: paymentAttempts.cardBrand, last4: paymentAttempts.cardLast4 })
    .from(paymentAttempts)
    .where(eq(paymentAttempts.orderId, matches.id))
    .orderBy(sql`(${paymentAttempts.status} = 'succeeded') desc`, desc(paymentAttempts.createdAt), desc(paymentAttempts.id))
    .limit(1)
    .as("card");
  const page = db
    .select({
      id: matches.id,
      orderNumber: matches.orderNumber,
      createdAt: matches.createdAt,
      email: matches.email,
      status: matches.status,
      totalCentavos: matches.totalCentavos,
      currency: matches.currency,
      cardBrand: card.brand,
      cardLast4: card.last4,
    })
    .from(matches)
    .leftJoinLateral(card, sql`true`)
    .orderBy(desc(matches.createdAt), desc(matches.orderNumber));
  const total = db
    .select({ total: count() })
    .from(db.select({ one: sql`1` }).from(orders).where(where).limit(COUNT_CAP + 1).as("capped"));
  return { page, count: total };
}

export async function searchOrders(db: Database, search: OrderSearch, pageSize = ORDERS_PER_PAGE): Promise<OrderSearchResult> {
  const queries = await orderSearchQueries(db, search, pageSize);
  const found = await queries.page;
  const offset = (search.page - 1) * pageSize;
  // A page with none after it tells the total (unless it is empty past page 1): a search that finds a page or
  // less (a number, a card, a whole email, nothing) costs one query. Otherwise the matches are counted, up to the cap.
  const pageTellsTotal = found.length <= pageSize && (found.length > 0 || search.page === 1);
  const counted = pageTellsTotal ? offset + found.length : Number((await queries.count)[0]?.total ?? 0);
  const rows = found.slice(0, pageSize);
  const hasNextPage = found.length > pageSize;
  const totalCapped = counted > COUNT_CAP;
  const total = Math.min(counted, COUNT_CAP);
  const countedPages = Math.max(1, Math.ceil(total / pageSize));
  const pageCount = totalCapped ? Math.max(countedPages, search.page + (hasNextPage ? 1 : 0)) : countedPages;
  return { rows, total, totalCapped, page: search.page, pageCount, pageSize, hasNextPage };
}
