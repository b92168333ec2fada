// The orders list's search and filters: a plain GET form (works without JavaScript); its fields show the
// search in effect. Submitting starts again at page 1.
import type { OrderStatus } from "@/lib/db/schema";
import { ORDER_STATUSES, type OrderSearch } from "@/lib/admin/order-search";

export type OrderSearchFormStrings = {
  legend: string;
  q: string;
  qHint: string;
  status: string;
  anyStatus: string;
  from: string;
  to: string;
  submit: string;
  clear: string;
  statuses: Record<OrderStatus, string>;
};

export function OrderSearchForm({ search, strings }: { search: OrderSearch; strings: OrderSearchFormStrings }) {
  return (
    <form method="get" action="/admin" role="search" aria-label={strings.legend} className="card admin-search">
      <div className="admin-search__field admin-search__field--wide">
        <label htmlFor="admin-q" className="field-label">
          {strings.q}
        </label>
        <input
          id="admin-q"
          name="q"
          type="search"
          defaultValue={search.q}
          maxLength={100}
          autoComplete="off"
          className="text-input"
          aria-describedby="admin-q-hint"
        />
        <p id="admin-q-hint" className="field-hint">
          {strings.qHint}
        </p>
      </div>
      <div className="admin-search__field">
        <label htmlFor="admin-status" className="field-label">
          {strings.status}
        </label>
        <select id="admin-status" name="status" defaultValue={search.status ?? ""} className="text-input">
          <option value="">{strings.anyStatus}</option>
          {ORDER_STATUSES.map((status) => (
            <option key={status} value={status}>
              {strings.statuses[status]}
            </option>
          ))}
        </select>
      </div>
      <div className="admin-search__field">
        <label htmlFor="admin-from" className="field-label">
          {strings.from}
        </label>
        <input id="admin-from" name="from" type="date" defaultValue={search.from ?? ""} className="text-input" />
      </div>
      <div className="admin-search__field">
        <label htmlFor="admin-to" className="field-label">
          {strings.to}
        </label>
        <input id="admin-to" name="to" type="date" defaultValue={search.to ?? ""} className="text-input" />
      </div>
      <div className="admin-search__actions">
        <button type="submit" className="button button--primary">
          {strings.submit}
        </button>
        <a href="/admin" className="button button--secondary">
          {strings.clear}
        </a>
      </div>
    </form>
  );
}
