// Content-Security-Policy violations in a real browser: every `securitypolicyviolation` event in any page or
// frame of a context (reported through a binding, which the policy cannot block), and the browser's own
// "Refused to …" console lines (frame-ancestors and frame-src refusals are reported only there).
import type { BrowserContext } from "@playwright/test";

export type CspViolation = { where: string; what: string };

const BINDING = "__e2eReportCspViolation";
const CONSOLE_REFUSAL = /Content Security Policy|Refused to (?:load|execute|frame|apply|connect|send form|run|evaluate|display)/i;

/** Starts recording; the returned array fills as violations happen. */
export async function watchCspViolations(context: BrowserContext): Promise<CspViolation[]> {
  const violations: CspViolation[] = [];
  await context.exposeBinding(BINDING, ({ frame }, report: string) => {
    violations.push({ where: frame.url(), what: report });
  });
  await context.addInitScript((binding) => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber}) ${event.sample}`;
      (window as unknown as Record<string, (text: string) => void>)[binding]?.(report);
    });
  }, BINDING);
  context.on("console", (message) => {
    if (CONSOLE_REFUSAL.test(message.text())) violations.push({ where: message.location().url, what: message.text() });
  });
  return violations;
}
