// The frame of every order email: a heading, the body, then help (support email and phone) and the store's
// policy links. HTML with inline styles (mail clients ignore stylesheets) and a plain-text twin. Pure.
export type EmailFooter = {
  help: string;
  supportLine: string;
  links: { label: string; url: string }[];
};

export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

export function htmlDocument(heading: string, bodyHtml: string, footer: EmailFooter): string {
  const links = footer.links.map((link) => `<a href="${escapeHtml(link.url)}" style="color:#4f46e5">${escapeHtml(link.label)}</a>`).join(" · ");
  return [
    `<div style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1a1f36;max-width:560px;margin:0 auto;line-height:1.5">`,
    `<h1 style="font-size:22px;margin:0 0 12px">${escapeHtml(heading)}</h1>`,
    bodyHtml,
    `<hr style="border:0;border-top:1px solid #e3e8ee;margin:24px 0">`,
    `<p style="margin:0 0 4px;font-weight:600">${escapeHtml(footer.help)}</p>`,
    `<p style="margin:0 0 12px">${escapeHtml(footer.supportLine)}</p>`,
    `<p style="margin:0;font-size:14px">${links}</p>`,
    `</div>`,
  ].join("\n");
}

export function textDocument(heading: string, bodyText: string, footer: EmailFooter): string {
  const links = footer.links.map((link) => `${link.label}: ${link.url}`).join("\n");
  return `${heading}\n\n${bodyText.trim()}\n\n--\n${footer.help}\n${footer.supportLine}\n${links}\n`;
}

export function buttonHtml(label: string, url: string): string {
  return `<p style="margin:20px 0"><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 18px;background:#4f46e5;color:#ffffff;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(label)}</a></p>`;
}
