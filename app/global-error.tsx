"use client";
// The last line of defence: the root layout itself failed, so there is no header and no translation of the
// shopper's choice. Both languages, Spanish (the shop's default) first; never the error's details.
import english from "@/messages/en/errorPage.json";
import spanish from "@/messages/es-MX/errorPage.json";
import "./globals.css";

export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  const es = spanish;
  const en = english;
  return (
    <html lang="es-MX">
      <body>
        <title>Cheqpay Checkout</title>
        <main className="page error-page">
          <h1>{es.title}</h1>
          <p role="alert">{es.text}</p>
          <div lang="en">
            <h2>{en.title}</h2>
            <p>{en.text}</p>
          </div>
          <p className="error-page__actions">
            <button type="button" className="button button--primary" onClick={() => retry()}>
              {es.retry} / <span lang="en">{en.retry}</span>
            </button>
            {/* A full page load: the root layout is what failed. */}
            <a className="button button--secondary" href="/">
              {es.home} / <span lang="en">{en.home}</span>
            </a>
          </p>
        </main>
      </body>
    </html>
  );
}
