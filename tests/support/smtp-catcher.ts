// A real SMTP server in the test process (smtp-server), recording each message it accepts, and a small reader
// of what arrived: headers (RFC 2047 words decoded) and the text and HTML parts (quoted-printable or base64).
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type CaughtMail = { from: string; to: string[]; raw: string };

export type SmtpCatcher = { url: string; port: number; received: CaughtMail[]; close(): Promise<void> };

/** Listens on `port` (0: any free one). */
export async function startSmtpCatcher(port = 0): Promise<SmtpCatcher> {
  const received: CaughtMail[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const bound = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${bound}`,
    port: bound,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on (just released by a server of ours). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export type ReadMail = { headers: Record<string, string>; text: string | null; html: string | null };

/** The message's headers (lower-case names, encoded words decoded) and its text/plain and text/html bodies. */
export function readMail(raw: string): ReadMail {
  const { headers, body } = splitHeaders(raw);
  const parts: { headers: Record<string, string>; body: string }[] = [];
  const collect = (h: Record<string, string>, b: string) => {
    const boundary = /boundary="?([^";]+)"?/i.exec(h["content-type"] ?? "")?.[1];
    if (!boundary) return void parts.push({ headers: h, body: b });
    for (const chunk of b.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith("--")) break;
      const part = splitHeaders(chunk.replace(/^\r?\n/, ""));
      collect(part.headers, part.body);
    }
  };
  collect(headers, body);
  const bodyOf = (type: string) => {
    const part = parts.find((p) => (p.headers["content-type"] ?? "").toLowerCase().startsWith(type));
    return part ? decodeBody(part.body, part.headers["content-transfer-encoding"] ?? "7bit") : null;
  };
  return { headers, text: bodyOf("text/plain"), html: bodyOf("text/html") };
}

function splitHeaders(raw: string): { headers: Record<string, string>; body: string } {
  const end = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, end).replace(/\r?\n[ \t]+/g, " ");
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(end).replace(/^\r?\n\r?\n/, "") };
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toLowerCase() === "b" ? Buffer.from(text, "base64").toString("utf8") : qp(text.replace(/_/g, " ")),
    );
}

function decodeBody(body: string, encoding: string): string {
  const trimmed = body.replace(/\r?\n$/, "");
  if (/base64/i.test(encoding)) return Buffer.from(trimmed.replace(/\s+/g, ""), "base64").toString("utf8");
  if (/quoted-printable/i.test(encoding)) return qp(trimmed.replace(/=\r?\n/g, ""));
  return trimmed;
}

/** Quoted-printable: =XX bytes, decoded as UTF-8. */
function qp(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "=" && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}
