// HTML of the 3-D Secure pages. Every interpolated value goes through escapeHtml (or
// scriptJson inside <script>), since order data and URLs come from API callers.

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** JSON safe to embed in a <script> element (no "</script>", no U+2028/2029 surprises). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

const STYLE = `
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1a1a1a; background: #f6f7f9; }
  main { max-width: 360px; margin: 0 auto; padding: 20px; background: #fff; min-height: 100vh; box-sizing: border-box; }
  h1 { font-size: 1.25rem; margin: 0 0 12px; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; margin: 0 0 16px; }
  dt { color: #555; } dd { margin: 0; font-weight: 600; }
  label { display: block; font-weight: 600; margin-bottom: 4px; }
  input { font-size: 1.1rem; padding: 8px; width: 100%; box-sizing: border-box; border: 1px solid #888; border-radius: 4px; }
  .actions { display: flex; gap: 8px; margin-top: 16px; }
  button { font-size: 1rem; padding: 10px 16px; border-radius: 4px; border: 1px solid #1a4fd6; cursor: pointer; }
  button.primary { background: #1a4fd6; color: #fff; } button.secondary { background: #fff; color: #1a4fd6; }
  button:focus-visible, input:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
  .hint { background: #fff8e1; border: 1px solid #f0c36d; padding: 8px; border-radius: 4px; font-size: 0.9rem; }
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>`;
}

/** Cardinal-style device data collection: tells the parent window the SessionId. */
export function deviceDataPage(sessionId: string): string {
  const message = scriptJson(JSON.stringify({ MessageType: "profile.completed", SessionId: sessionId, Status: true }));
  return layout(
    "Device data collection",
    `<main><p>Device data collected (Cheqpay sandbox).</p></main>
<script>
(function () {
  var message = ${message};
  if (window.parent && window.parent !== window) window.parent.postMessage(message, "*");
})();
</script>`,
  );
}

export interface ChallengeView {
  amountText: string;
  merchantName: string;
  orderNumber: string;
  cardText: string;
  jwt: string;
  submitUrl: string;
  code: string;
}

export function challengePage(view: ChallengeView): string {
  return layout(
    "3-D Secure verification",
    `<main>
<h1>3-D Secure verification</h1>
<dl>
  <dt>Merchant</dt><dd>${escapeHtml(view.merchantName)}</dd>
  <dt>Amount</dt><dd>${escapeHtml(view.amountText)}</dd>
  <dt>Order</dt><dd>${escapeHtml(view.orderNumber)}</dd>
  <dt>Card</dt><dd>${escapeHtml(view.cardText)}</dd>
</dl>
<p class="hint" id="code-hint">Cheqpay sandbox: the verification code is <strong>${escapeHtml(view.code)}</strong>.</p>
<form method="post" action="${escapeHtml(view.submitUrl)}">
  <input type="hidden" name="JWT" value="${escapeHtml(view.jwt)}">
  <label for="code">Verification code</label>
  <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" aria-describedby="code-hint" autofocus>
  <div class="actions">
    <button type="submit" name="action" value="verify" class="primary">Verify</button>
    <button type="submit" name="action" value="cancel" class="secondary" formnovalidate>Cancel</button>
  </div>
</form>
</main>`,
  );
}

/** After the challenge: POST TransactionId and MD to the merchant's returnUrl (CyberSource/Cardinal convention). */
export function returnPage(returnUrl: string, transactionId: string, md: string, outcome: string): string {
  return layout(
    "Returning to the merchant",
    `<main>
<p>Verification ${outcome === "success" ? "completed" : "not completed"}. Returning to the merchant…</p>
<form id="return-form" method="post" action="${escapeHtml(returnUrl)}" target="_self">
  <input type="hidden" name="TransactionId" value="${escapeHtml(transactionId)}">
  <input type="hidden" name="MD" value="${escapeHtml(md)}">
  <noscript><button type="submit">Continue</button></noscript>
</form>
</main>
<script>document.getElementById("return-form").submit();</script>`,
  );
}

export function errorPage(heading: string, message: string): string {
  return layout(heading, `<main><h1>${escapeHtml(heading)}</h1><p>${escapeHtml(message)}</p></main>`);
}
