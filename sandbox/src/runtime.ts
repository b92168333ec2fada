// Everything one sandbox instance holds, in one place, so reset() can put all of it back to the
// start-up state and route handlers receive a single dependency.
import { randomBytes } from "node:crypto";
import type { RuntimeConfig, Settings } from "./config.js";
import { FaultRegistry } from "./faults.js";
import { IdGenerator } from "./ids.js";
import { RateLimiter } from "./rate-limit.js";
import { RequestLog } from "./request-log.js";
import { Store } from "./store.js";
import { WebhookDispatcher } from "./webhooks.js";

export class Runtime {
  config: RuntimeConfig;
  seed: string;
  /** Origin of the 3-D Secure pages; known once the server listens (port 0). */
  publicUrl = "";
  /** Resource ids (orders, payments, customers, cards…): the seeded, deterministic sequence. */
  readonly ids: IdGenerator;
  /** Separate sequences so webhooks, page loads and faults do not shift resource ids. */
  readonly eventIds: IdGenerator;
  readonly sessionIds: IdGenerator;
  readonly controlIds: IdGenerator;
  readonly store: Store;
  readonly webhooks: WebhookDispatcher;
  readonly faults: FaultRegistry;
  readonly requestLog = new RequestLog();
  readonly rateLimiter = new RateLimiter();
  /** Signs 3-D Secure JWTs and keys card fingerprints; per process, never derived from the seed. */
  readonly jwtSecret = randomBytes(32);
  readonly fingerprintKey = randomBytes(32);

  constructor(readonly settings: Settings) {
    this.seed = settings.seed;
    this.config = { ...settings.initialConfig };
    this.ids = new IdGenerator(this.seed);
    this.eventIds = new IdGenerator(`${this.seed}:events`);
    this.sessionIds = new IdGenerator(`${this.seed}:3ds-sessions`);
    this.controlIds = new IdGenerator(`${this.seed}:control`);
    this.store = new Store({
      id: settings.merchantId,
      apiKey: settings.apiKey,
      webhookSecrets: settings.webhookSecrets,
      webhookUrl: settings.webhookUrl,
    });
    this.webhooks = new WebhookDispatcher(this.eventIds, settings.webhookRetryBaseMs, settings.webhookTimeoutMs);
    this.faults = new FaultRegistry(this.controlIds);
  }

  private resets = 0;

  /** Without a seed, ids continue on a new sequence: a database that outlives the reset (the app's) must
   *  never see an order or event id twice. A configured seed keeps that deterministic (seed#1, seed#2...). */
  reset(seed?: string): void {
    this.resets += 1;
    this.seed = seed ?? (this.settings.seedGiven ? `${this.settings.seed}#${this.resets}` : randomBytes(12).toString("hex"));
    this.ids.reseed(this.seed);
    this.eventIds.reseed(`${this.seed}:events`);
    this.sessionIds.reseed(`${this.seed}:3ds-sessions`);
    this.controlIds.reseed(`${this.seed}:control`);
    this.config = { ...this.settings.initialConfig };
    this.webhooks.reset();
    this.store.reset();
    this.faults.clear();
    this.requestLog.reset();
    this.rateLimiter.reset();
  }
}
