// HS256 JWTs for the 3-D Secure pages: the page trusts only what the sandbox signed (order,
// payerAuthentication id, stage, expiry), like Cardinal's JWT-carrying iframes.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { ThreeDsStage } from "./types.js";

export interface ThreeDsClaims {
  iss: "cheqpay-sandbox";
  merchantId: string;
  orderId: string;
  payerAuthenticationId: string;
  stage: ThreeDsStage;
  iat: number;
  exp: number;
}

export type VerifyResult = { ok: true; claims: ThreeDsClaims } | { ok: false; reason: string };

const HEADER = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");

function sign(data: string, secret: Buffer): Buffer {
  return createHmac("sha256", secret).update(data).digest();
}

export function signThreeDsJwt(claims: Omit<ThreeDsClaims, "iss" | "iat" | "exp">, ttlMs: number, secret: Buffer): string {
  const iat = Math.floor(Date.now() / 1000);
  const full: ThreeDsClaims = { iss: "cheqpay-sandbox", ...claims, iat, exp: iat + Math.max(1, Math.ceil(ttlMs / 1000)) };
  const body = `${HEADER}.${Buffer.from(JSON.stringify(full)).toString("base64url")}`;
  return `${body}.${sign(body, secret).toString("base64url")}`;
}

function isClaims(value: unknown): value is ThreeDsClaims {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.merchantId === "string" &&
    typeof v.orderId === "string" &&
    typeof v.payerAuthenticationId === "string" &&
    (v.stage === "device-data" || v.stage === "challenge") &&
    typeof v.exp === "number"
  );
}

export function verifyThreeDsJwt(token: string, secret: Buffer, nowMs = Date.now()): VerifyResult {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "The JWT is malformed." };
  const [header, payload, signature] = parts as [string, string, string];
  const expected = sign(`${header}.${payload}`, secret);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "The JWT signature is invalid." };
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "The JWT payload is not valid JSON." };
  }
  if (!isClaims(claims)) return { ok: false, reason: "The JWT claims are incomplete." };
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: "The JWT has expired." };
  return { ok: true, claims };
}
