import { getConfig } from "@/lib/config";

// Until the shop exists (issue 4) the home page says what is running, without any secret.
export const dynamic = "force-dynamic";

export default function HomePage() {
  const { cheqpay } = getConfig();
  return (
    <main>
      <h1>Cheqpay Checkout</h1>
      <section className="card" aria-labelledby="status-heading">
        <h2 id="status-heading">The shop is being set up</h2>
        <p>The storefront and checkout arrive next. The payment processor connection is configured:</p>
        <dl>
          <dt>Cheqpay environment</dt>
          <dd>{cheqpay.env}</dd>
          <dt>Cheqpay API</dt>
          <dd>
            <code>{cheqpay.baseUrl}</code>
          </dd>
        </dl>
      </section>
    </main>
  );
}
