// A self-signed certificate for https://localhost, made on first run and kept under .data/tls (renewed a
// month before it expires). Browsers warn about it once; the tests accept it explicitly.
import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generate } from "selfsigned";

export type TlsFiles = { key: string; cert: string };

/** The certificate's file, for NODE_EXTRA_CA_CERTS (processes that call the app must trust it). */
export async function localCertificateFile(dataDir = defaultDir()): Promise<string> {
  await ensureLocalCertificate(dataDir);
  return path.join(dataDir, "localhost-cert.pem");
}

const defaultDir = () => path.join(process.cwd(), ".data", "tls");
const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;

export async function ensureLocalCertificate(dataDir = defaultDir()): Promise<TlsFiles> {
  const keyFile = path.join(dataDir, "localhost-key.pem");
  const certFile = path.join(dataDir, "localhost-cert.pem");
  if (existsSync(keyFile) && existsSync(certFile)) {
    const cert = readFileSync(certFile, "utf8");
    if (Date.parse(new X509Certificate(cert).validTo) - Date.now() > RENEW_BEFORE_MS) {
      return { key: readFileSync(keyFile, "utf8"), cert };
    }
  }
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    notAfterDate: new Date(Date.now() + 825 * 24 * 3600 * 1000),
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }, { type: 7, ip: "::1" }] },
    ],
  });
  // Only the certificate's own folder is private: `recursive` would also make a new `.data/` 0700, which the
  // embedded PostgreSQL (run as the `postgres` user when we are root) could then not enter.
  mkdirSync(path.dirname(dataDir), { recursive: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(keyFile, pems.private, { mode: 0o600 });
  writeFileSync(certFile, pems.cert);
  return { key: pems.private, cert: pems.cert };
}
