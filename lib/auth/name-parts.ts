// A full name (from an OAuth provider) split into the first and last names Cheqpay's customer takes. Pure.
export function nameParts(fullName: string): { firstName: string; lastName: string } {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { firstName: "", lastName: "" };
  return { firstName: words[0]!.slice(0, 60), lastName: words.slice(1).join(" ").slice(0, 60) };
}
