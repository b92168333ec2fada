// Customers (§2.7, §5): add-update by externalId, get (id or externalId) with saved cards, list, payment methods.
import type { ApiRequest, ApiResult } from "../api-types.js";
import { notFound } from "../errors.js";
import { customerJson, savedMethodJson } from "../serializers.js";
import { findCustomer, insertCustomer, methodsOfCustomer } from "../store.js";
import type { Customer } from "../types.js";
import { EMAIL_PATTERN, FieldErrors, isObject, readBoolean, readPagination, readString, requireObjectBody } from "../validation.js";

function readNotificationOptions(body: Record<string, unknown>, errors: FieldErrors): Customer["notificationOptions"] | undefined {
  const raw = body.notificationOptions;
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) {
    errors.add("notificationOptions", "must be an object");
    return undefined;
  }
  return {
    notifyEmail: readBoolean(raw, "notifyEmail", "notificationOptions.notifyEmail", errors),
    notifyPhone: readBoolean(raw, "notifyPhone", "notificationOptions.notifyPhone", errors),
  };
}

export function upsertCustomer(request: ApiRequest): ApiResult {
  const { rt, merchant } = request;
  const body = requireObjectBody(request.body);
  const errors = new FieldErrors();
  const externalId = readString(body, "externalId", "externalId", errors, { required: true });
  const firstName = readString(body, "firstName", "firstName", errors, { required: true });
  const lastName = readString(body, "lastName", "lastName", errors);
  const email = readString(body, "email", "email", errors, { pattern: EMAIL_PATTERN, patternMessage: "must be an email address" });
  const phoneNumber = readString(body, "phoneNumber", "phoneNumber", errors, { max: 32 });
  const active = readBoolean(body, "active", "active", errors);
  const notificationOptions = readNotificationOptions(body, errors);
  errors.throwIfAny();
  if (externalId === undefined || firstName === undefined) throw new Error("unreachable: validated");
  const now = new Date().toISOString();
  const existing = merchant.customersByExternalId.get(externalId);
  if (existing) {
    existing.firstName = firstName;
    if (lastName !== undefined) existing.lastName = lastName;
    if (email !== undefined) existing.email = email;
    if (phoneNumber !== undefined) existing.phoneNumber = phoneNumber;
    if (active !== undefined) existing.active = active;
    if (notificationOptions !== undefined) existing.notificationOptions = notificationOptions;
    existing.updatedAt = now;
    return { status: 200, body: customerJson(existing) };
  }
  const customer: Customer = {
    id: rt.ids.uuid(),
    externalId,
    firstName,
    lastName: lastName ?? null,
    email: email ?? null,
    phoneNumber: phoneNumber ?? null,
    active: active ?? true,
    notificationOptions: notificationOptions ?? null,
    createdAt: now,
    updatedAt: now,
  };
  insertCustomer(merchant, customer);
  return { status: 201, body: customerJson(customer) };
}

function loadCustomer(request: ApiRequest): Customer {
  const customer = findCustomer(request.merchant, request.params.id ?? "");
  if (!customer) throw notFound("Customer");
  return customer;
}

export function getCustomer(request: ApiRequest): ApiResult {
  const customer = loadCustomer(request);
  const paymentMethods = methodsOfCustomer(request.merchant, customer.id).map(savedMethodJson);
  return { status: 200, body: { ...customerJson(customer), paymentMethods } };
}

export function listPaymentMethods(request: ApiRequest): ApiResult {
  const customer = loadCustomer(request);
  return { status: 200, body: { data: methodsOfCustomer(request.merchant, customer.id).map(savedMethodJson) } };
}

export function listCustomers(request: ApiRequest): ApiResult {
  const { query, merchant } = request;
  const errors = new FieldErrors();
  const { limit, offset } = readPagination(query, errors);
  errors.throwIfAny();
  const email = query.get("email") || undefined;
  const externalId = query.get("externalId") || undefined;
  const matches: Customer[] = [];
  for (let i = merchant.customerList.length - 1; i >= 0; i--) {
    const customer = merchant.customerList[i];
    if (!customer) continue;
    if (email !== undefined && customer.email?.toLowerCase() !== email.toLowerCase()) continue;
    if (externalId !== undefined && customer.externalId !== externalId) continue;
    matches.push(customer);
  }
  return { status: 200, body: { data: matches.slice(offset, offset + limit).map(customerJson), total: matches.length, limit, offset } };
}
