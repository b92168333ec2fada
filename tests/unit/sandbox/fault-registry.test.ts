// The sandbox's fault registry: deterministic "next N" faults, probabilistic ones (seeded, reproducible), and
// several actions mixed in one fault.
import { describe, expect, it } from "vitest";
import { type FaultAction, FaultRegistry, type FaultTarget, parseFault, seededRandom } from "../../../sandbox/src/faults";
import { ApiError } from "../../../sandbox/src/errors";
import { IdGenerator } from "../../../sandbox/src/ids";

const create: FaultTarget = { operation: "createPaymentOrder", method: "POST", path: "/v2/payment-orders" };
const read: FaultTarget = { operation: "getPaymentOrder", method: "GET", path: "/v2/payment-orders/x" };
const error500: FaultAction = { type: "error", status: 500 };
const error503: FaultAction = { type: "error", status: 503 };

function registryWith(...bodies: unknown[]): FaultRegistry {
  const registry = new FaultRegistry(new IdGenerator("fault-tests"));
  for (const body of bodies) registry.add(parseFault(body));
  return registry;
}

/** What `n` requests to `target` get: the action's type and status, or "-" when none applied. */
function outcomes(registry: FaultRegistry, n: number, target = create): string[] {
  return Array.from({ length: n }, () => {
    const action = registry.take(target);
    if (!action) return "-";
    return action.type === "error" ? `error ${action.status}` : action.type;
  });
}

describe("a deterministic fault", () => {
  it("applies to the next `times` matching requests only, then is gone", () => {
    const registry = registryWith({ match: { operation: "createPaymentOrder" }, times: 2, action: error503 });
    expect(outcomes(registry, 1, read)).toEqual(["-"]);
    expect(outcomes(registry, 3)).toEqual(["error 503", "error 503", "-"]);
    expect(registry.list()).toEqual([]);
  });
});

describe("a probabilistic fault", () => {
  const body = { match: { operation: "createPaymentOrder" }, probability: 0.3, seed: "run-1", action: error500 };

  it("applies to about that share of 1,000 matching requests and counts what it saw", () => {
    const registry = registryWith(body);
    const applied = outcomes(registry, 1_000).filter((o) => o !== "-").length;
    expect(applied).toBeGreaterThan(250);
    expect(applied).toBeLessThan(350);
    expect(registry.list()[0]).toMatchObject({ matched: 1_000, applied, remaining: null, probability: 0.3, seed: "run-1" });
  });

  it("faults the same requests again for the same seed, and other ones for another seed", () => {
    const first = outcomes(registryWith(body), 200);
    expect(outcomes(registryWith(body), 200)).toEqual(first);
    expect(outcomes(registryWith({ ...body, seed: "run-2" }), 200)).not.toEqual(first);
  });

  it("lets the requests it spares go on to the next matching fault", () => {
    const registry = registryWith(body, { match: { operation: "createPaymentOrder" }, probability: 1, action: { type: "latency", ms: 5 } });
    const seen = outcomes(registry, 100);
    expect(seen).not.toContain("-");
    expect(seen.filter((o) => o === "error 500").length + seen.filter((o) => o === "latency").length).toBe(100);
    expect(seen).toContain("latency");
  });

  it("with `times` stops after that many applications", () => {
    const registry = registryWith({ ...body, probability: 0.5, times: 3 });
    expect(outcomes(registry, 100).filter((o) => o !== "-")).toHaveLength(3);
    expect(registry.list()).toEqual([]);
  });

  it("with several actions gives each of them to some requests", () => {
    const registry = registryWith({
      match: { operation: "createPaymentOrder" },
      probability: 0.3,
      seed: "mix",
      actions: [error500, error503, { type: "latency", ms: 300 }, { type: "timeout-after-commit" }],
    });
    const seen = outcomes(registry, 400);
    for (const kind of ["error 500", "error 503", "latency", "timeout-after-commit"]) expect(seen).toContain(kind);
    expect(seen.filter((o) => o !== "-").length).toBeGreaterThan(80);
  });

  it("without a seed takes its own id as the seed (reproducible from the sandbox's seed)", () => {
    const registry = registryWith({ ...body, seed: undefined });
    const [fault] = registry.list();
    expect(fault!.seed).toBe(fault!.id);
    expect(outcomes(registry, 50)).toEqual(outcomes(registryWith({ ...body, seed: fault!.id }), 50));
  });
});

describe("parseFault", () => {
  it.each([
    [{ probability: 0, action: error500 }, "probability"],
    [{ probability: 1.5, action: error500 }, "probability"],
    [{ probability: "0.3", action: error500 }, "probability"],
    [{ action: error500, actions: [error503] }, "actions"],
    [{ actions: [] }, "actions"],
    [{ actions: [error500, { type: "error", status: 200 }] }, "actions[1].status"],
  ])("refuses %j naming %s", (body, field) => {
    const refusal = (() => {
      try {
        parseFault(body);
      } catch (error) {
        return error as ApiError;
      }
      throw new Error("parseFault accepted it");
    })();
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal.status).toBe(400);
    expect(refusal.toBody().error.details?.map((d) => d.field)).toContain(field);
  });
});

describe("seededRandom", () => {
  it("gives numbers in [0, 1) and the same sequence for the same seed", () => {
    const a = seededRandom("s");
    const b = seededRandom("s");
    const values = Array.from({ length: 100 }, () => a());
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(Array.from({ length: 100 }, () => b())).toEqual(values);
  });
});
