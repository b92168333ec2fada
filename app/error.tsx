"use client";
// A page that could not be rendered (e.g. our database is down): a friendly page in the shopper's language,
// inside the shop's header and footer, with a way to try again.
import { ErrorPageView } from "@/components/errors/error-page";

export default function ErrorPage({ retry }: { error: unknown; retry: () => void }) {
  return <ErrorPageView retry={retry} />;
}
