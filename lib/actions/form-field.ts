// A field of the form a Server Action was posted. React passes a FormData, but anyone can call the action over
// HTTP with any arguments (a string, an object, nothing): then every field is absent, and the action's schema
// refuses it as it would an empty form, instead of a TypeError (a 500).
export function formField(form: unknown, name: string): FormDataEntryValue | null {
  return form instanceof FormData ? form.get(name) : null;
}
