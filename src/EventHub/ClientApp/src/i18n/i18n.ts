// One catalogue per language; Vietnamese first, English on a switch that the browser remembers.
import { en } from "./en.js";
import { vi, type TextKey } from "./vi.js";
import type { ErrorInfo } from "../forum/state.js";

export type Language = "vi" | "en";
const catalogues: Record<Language, Record<TextKey, string>> = { vi, en };
const storageKey = "eventhub.language";

let language: Language = readLanguage();
const listeners = new Set<() => void>();

function readLanguage(): Language {
  try {
    return localStorage.getItem(storageKey) === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
}

export function currentLanguage(): Language {
  return language;
}

export function setLanguage(next: Language): void {
  language = next;
  try {
    localStorage.setItem(storageKey, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = next;
  translateStatic();
  for (const listener of listeners) listener();
}

export function onLanguageChange(listener: () => void): void {
  listeners.add(listener);
}

/** The text for `key` in the current language, with {name} placeholders filled. */
export function t(key: TextKey, values: Record<string, string | number> = {}): string {
  return catalogues[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** The hub's structured error in the current language. */
export function errorText(error: ErrorInfo | null | undefined): string {
  if (!error) return "";
  return language === "en" ? error.messageEn : error.message;
}

/** Fills every element marked data-t (text), data-t-label (aria-label) or data-t-placeholder from the catalogue. */
export function translateStatic(root: ParentNode = document): void {
  for (const element of root.querySelectorAll<HTMLElement>("[data-t]")) element.textContent = t(element.dataset["t"] as TextKey);
  for (const element of root.querySelectorAll<HTMLElement>("[data-t-label]")) element.setAttribute("aria-label", t(element.dataset["tLabel"] as TextKey));
}

/** Wires the page's language button (id "language") and translates the static texts once. */
export function setUpLanguage(): void {
  document.documentElement.lang = language;
  translateStatic();
  const button = document.getElementById("language");
  button?.addEventListener("click", () => setLanguage(language === "vi" ? "en" : "vi"));
}
