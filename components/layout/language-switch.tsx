// Two submit buttons in a plain form: works without JavaScript; the Server Action sets the locale cookie.
import { setLocaleAction } from "@/app/locale-actions";
import type { Locale } from "@/lib/i18n/locales";

const CHOICES: { locale: Locale; label: string; lang: string }[] = [
  { locale: "en", label: "English", lang: "en" },
  { locale: "es-MX", label: "Español", lang: "es-MX" },
];

export function LanguageSwitch({ current, label }: { current: Locale; label: string }) {
  return (
    <form action={setLocaleAction} className="language-switch" aria-label={label}>
      {CHOICES.map((choice) => (
        <button
          key={choice.locale}
          type="submit"
          name="locale"
          value={choice.locale}
          lang={choice.lang}
          aria-pressed={choice.locale === current}
          className="language-switch__option"
        >
          {choice.label}
        </button>
      ))}
    </form>
  );
}
