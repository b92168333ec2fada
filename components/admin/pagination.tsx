// "Previous" / "Next" links of the orders list, keeping the search; each only where there is such a page
// (`hasNext`: the search found a row past this page, exact even when the total was only counted up to a cap).
import Link from "next/link";
import { type OrderSearch, orderSearchQuery } from "@/lib/admin/order-search";

export type PaginationStrings = { label: string; previous: string; next: string; page: string };

export function Pagination({
  search,
  pageCount,
  hasNext,
  strings,
}: {
  search: OrderSearch;
  pageCount: number;
  hasNext: boolean;
  strings: PaginationStrings;
}) {
  const { page } = search;
  const href = (target: number) => `/admin${orderSearchQuery(search, target)}`;
  return (
    <nav aria-label={strings.label} className="admin-pagination">
      {page > 1 ? (
        <Link href={href(Math.min(page - 1, pageCount))} rel="prev" className="button button--secondary">
          {strings.previous}
        </Link>
      ) : (
        <span className="admin-pagination__spacer" />
      )}
      <span className="muted">{strings.page}</span>
      {hasNext ? (
        <Link href={href(page + 1)} rel="next" className="button button--secondary">
          {strings.next}
        </Link>
      ) : (
        <span className="admin-pagination__spacer" />
      )}
    </nav>
  );
}
