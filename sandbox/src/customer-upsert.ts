// Customers are created or updated implicitly by payments (reference §2.7): customer.id or
// customer.externalId names an existing one; otherwise firstName and email create a new one.
import { notFound, validationError } from "./errors.js";
import type { CustomerInput } from "./payment-order-input.js";
import type { Runtime } from "./runtime.js";
import { findCustomer, insertCustomer, reindexCustomer } from "./store.js";
import type { Customer, Merchant } from "./types.js";

/** Looks the customer up without changing anything (so a later 404/400 leaves no trace). */
export function findOrderCustomer(merchant: Merchant, input: CustomerInput): Customer | undefined {
  if (input.id !== undefined) {
    const byId = findCustomer(merchant, input.id);
    if (!byId) throw notFound("Customer");
    return byId;
  }
  if (input.externalId !== undefined) return merchant.customersByExternalId.get(input.externalId);
  return undefined;
}

export function checkNewCustomer(input: CustomerInput): void {
  const details = [];
  if (input.firstName === undefined) details.push({ field: "customer.firstName", message: "is required when creating a customer" });
  if (input.email === undefined) details.push({ field: "customer.email", message: "is required when creating a customer" });
  if (details.length > 0) throw validationError(details);
}

/** Creates the customer, or updates the given fields of the existing one. */
export function commitOrderCustomer(rt: Runtime, merchant: Merchant, existing: Customer | undefined, input: CustomerInput): Customer {
  const now = new Date().toISOString();
  if (!existing) {
    const customer: Customer = {
      id: rt.ids.uuid(),
      externalId: input.externalId ?? null,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      email: input.email ?? null,
      phoneNumber: input.phoneNumber ?? null,
      active: true,
      notificationOptions: null,
      createdAt: now,
      updatedAt: now,
    };
    insertCustomer(merchant, customer);
    return customer;
  }
  let changed = false;
  const set = <K extends "firstName" | "lastName" | "email" | "phoneNumber">(key: K, value: string | undefined) => {
    if (value !== undefined && existing[key] !== value) {
      existing[key] = value;
      changed = true;
    }
  };
  set("firstName", input.firstName);
  set("lastName", input.lastName);
  set("email", input.email);
  set("phoneNumber", input.phoneNumber);
  // An existing customer found by id gains an externalId only if it had none and nobody else holds it.
  if (input.externalId !== undefined && existing.externalId === null && !merchant.customersByExternalId.has(input.externalId)) {
    existing.externalId = input.externalId;
    reindexCustomer(merchant, existing, null);
    changed = true;
  }
  if (changed) existing.updatedAt = now;
  return existing;
}
