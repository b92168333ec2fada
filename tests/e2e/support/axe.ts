// An axe scan of the page as it is now: any violation fails the test, listed with the elements involved.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export async function expectNoAxeViolations(page: Page, configure?: (builder: AxeBuilder) => AxeBuilder): Promise<void> {
  // After a Server Action's redirect Next streams the new page's <title> in a moment later: scan the page once
  // it has one (a page that never gets a title still fails, here).
  await expect(page).toHaveTitle(/\S/);
  const builder = new AxeBuilder({ page });
  const { violations } = await (configure ? configure(builder) : builder).analyze();
  const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary).toEqual([]);
}
