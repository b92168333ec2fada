"use client";
// The friendly page shown when a page cannot be rendered (our database down, a bug): the root layout hands the
// texts, translated on the server, to the error boundary (a client component) through this context.
import { createContext, type ReactNode, useContext } from "react";
import spanish from "@/messages/es-MX/errorPage.json";

export type ErrorPageStrings = { title: string; text: string; retry: string; home: string };

/** The shop's default language, for an error boundary the layout could not give the shopper's own. */
export const FALLBACK_ERROR_STRINGS: ErrorPageStrings = spanish;

const ErrorStrings = createContext<ErrorPageStrings>(FALLBACK_ERROR_STRINGS);

export function ErrorPageStringsProvider({ strings, children }: { strings: ErrorPageStrings; children: ReactNode }) {
  return <ErrorStrings.Provider value={strings}>{children}</ErrorStrings.Provider>;
}

/** Never the error's message or stack: in production those stay on the server (the digest matches its log line). */
export function ErrorPageView({ retry, strings }: { retry: () => void; strings?: ErrorPageStrings }) {
  const fromLayout = useContext(ErrorStrings);
  const t = strings ?? fromLayout;
  return (
    <main className="page error-page">
      <h1>{t.title}</h1>
      <p role="alert">{t.text}</p>
      <p className="error-page__actions">
        <button type="button" className="button button--primary" onClick={() => retry()}>
          {t.retry}
        </button>
        <a className="button button--secondary" href="/">
          {t.home}
        </a>
      </p>
    </main>
  );
}
