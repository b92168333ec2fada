// The 32 federal entities of Mexico (ISO 3166-2:MX codes), for the billing address's "State". Codes only: the
// checkout's client bundle needs them (the shared schema); the names are in mexican-state-names.ts, sent with the
// page (issue 9's budget).
export const MEXICAN_STATE_CODE_LIST = [
  "AGU", "BCN", "BCS", "CAM", "CHP", "CHH", "CMX", "COA", "COL", "DUR", "GUA", "GRO", "HID", "JAL", "MEX", "MIC",
  "MOR", "NAY", "NLE", "OAX", "PUE", "QUE", "ROO", "SLP", "SIN", "SON", "TAB", "TAM", "TLA", "VER", "YUC", "ZAC",
] as const;

export type MexicanStateCode = (typeof MEXICAN_STATE_CODE_LIST)[number];

export const MEXICAN_STATE_CODES: ReadonlySet<string> = new Set(MEXICAN_STATE_CODE_LIST);

/** Billing countries offered at checkout (ISO 3166-1 alpha-2); Mexico first. */
export const BILLING_COUNTRIES = ["MX", "US", "CA", "ES", "CO", "AR", "CL", "PE", "GT", "BR"] as const;
