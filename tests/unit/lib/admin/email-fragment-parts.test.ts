import { describe, expect, it } from "vitest";
import { emailSampleOf, RARE_SHARE, rareParts } from "@/lib/admin/email-fragment-parts";

const domains = ["gmail.com", "hotmail.com", "outlook.com", "yahoo.com.mx", "example.mx"];
/** A thousand emails like the bench's: one local-part prefix for all, numbers, five domains. */
const seeded = Array.from({ length: 1000 }, (_, i) => `customer${1 + i * 997}@${domains[i % 5]}`);
const even = (emails: string[]) => emailSampleOf(emails, emails.map(() => 1));

describe("rareParts", () => {
  it("looks up only the rare run of a fragment whose other trigrams are in every email", () => {
    const sample = even(seeded);
    // "er1" begins one number in nine (not cheap to walk); "r10" one in a hundred (cheap); "100", "000" rare.
    expect(rareParts("customer10000", sample)).toEqual(["r10000"]);
  });

  it("keeps the case of the fragment's own characters in its parts", () => {
    expect(rareParts("CUSTOMER99999", even(seeded))).toEqual(["R99999"]);
  });

  it("makes one part of overlapping rare trigrams, and separate parts across a common or missing trigram", () => {
    const sample = even([...Array.from({ length: 200 }, (_, i) => `ana${i}@gmail.com`), "zzz@x.mx"]);
    expect(rareParts("ana.qwerty@gmail.com", sample)).toEqual(["qwerty"]);
    expect(rareParts("xyzgmailwvu", sample)).toEqual(["xyzgm", "ilwvu"]); // "gma", "mai", "ail" left out
  });

  it("leaves out a part with no rare trigram: it would be walked for little", () => {
    const some = Array.from({ length: 5 }, (_, i) => `abc${i}@x.mx`); // "abc" in 2.5 %: cheap, not rare
    const sample = even([...Array.from({ length: 195 }, (_, i) => `ana${i}@gmail.com`), ...some]);
    expect(rareParts("abc.qwerty@gmail", sample)).toEqual(["qwerty"]);
  });

  it("hands the whole fragment to the index when no trigram, or every one, is rare, or the fragment is common", () => {
    const sample = even(seeded);
    expect(rareParts("gmail.com", sample)).toBeNull(); // a broad search
    expect(rareParts("customer", sample)).toBeNull();
    expect(rareParts("qwertyuiop", sample)).toBeNull(); // every trigram rare: the whole fragment is as cheap
    expect(rareParts("ab", sample)).toBeNull(); // no trigram at all
    expect(rareParts(seeded[0]!.slice(0, -4), sample)).toBeNull(); // in the sample: common enough to list by date
  });

  it("hands the whole fragment to the index without a sample", () => {
    expect(rareParts("customer10000", null)).toBeNull();
    expect(even(seeded.slice(0, 5))).toBeNull(); // too few emails to tell anything
  });

  it("weighs a common email by its share of the orders", () => {
    const emails = Array.from({ length: 100 }, (_, i) => `cliente${i}@gmail.com`);
    const repeat = "frecuente.qwerty@gmail.com";
    const light = emailSampleOf([repeat, ...emails], [RARE_SHARE / 2, ...emails.map(() => 0.01)]);
    const heavy = emailSampleOf([repeat, ...emails], [0.5, ...emails.map(() => 0.005)]);
    expect(rareParts("frecuente.qwerty@gmail", light)).toEqual(["frecuen", "qwerty"]); // "nte" as in every "cliente"
    expect(rareParts("frecuente.qwerty@gmail", heavy)).toBeNull();
  });
});
