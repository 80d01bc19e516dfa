/**
 * NCSC guidance ("Password administration for system owners"): length over
 * composition rules, and refuse the passwords attackers try first: the most
 * common ones and those built on what an attacker knows about the person (their
 * name and email, the school, the product). Messages never repeat the password.
 */
import { InvalidInput } from "../errors";
import { COMMON_PASSWORDS_TEXT } from "./common-passwords";

export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 200;

const COMMON: ReadonlySet<string> = new Set(COMMON_PASSWORDS_TEXT.split("\n").map((l) => l.trim()).filter(Boolean));

/** What an attacker knows about the account: each is a word the password must not lean on. */
export interface PasswordContext {
  email?: string | null;
  name?: string | null;
  schoolName?: string | null;
}

/** Lower case, accents off ("Wiśniewski" → "wisniewski"), so a name matches however it is typed. */
function fold(s: string): string {
  return s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

const LOOK_ALIKES: [RegExp, string][] = [
  [/0/g, "o"],
  [/3/g, "e"],
  [/4|@/g, "a"],
  [/5|\$/g, "s"],
  [/7/g, "t"],
  [/!|\|/g, "i"],
];

/**
 * The forms of a password checked against the list: as typed, without the
 * numbers and symbols added at either end ("Password12!" → "password"), without
 * separators ("pass word" → "password"), and with look-alikes read as letters
 * ("p@ssw0rd" → "password"; a 1 as i or l).
 */
function commonForms(password: string): string[] {
  const typed = fold(password).trim();
  const core = typed.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  const forms = new Set<string>();
  for (const f of [typed, core]) {
    if (!f) continue;
    const joined = f.replace(/[\s._-]+/g, "");
    for (const g of [f, joined]) {
      forms.add(g);
      let read = g;
      for (const [from, to] of LOOK_ALIKES) read = read.replace(from, to);
      forms.add(read.replace(/1/g, "i"));
      forms.add(read.replace(/1/g, "l"));
      // Look-alikes at the end are more often digits added ("p@ssw0rd12"): strip again once read.
      forms.add(read.replace(/[^\p{L}]+$/gu, ""));
    }
  }
  return [...forms].filter(Boolean);
}

function isCommon(password: string): boolean {
  return commonForms(password).some((f) => COMMON.has(f));
}

/** The words of each thing known about the account, three letters or more, each with what it is called in a refusal. */
function contextWords(context: PasswordContext): { word: string; what: string }[] {
  const words: { word: string; what: string }[] = [{ word: "doorstep", what: `the word "Doorstep"` }];
  const add = (text: string | null | undefined, what: string) => {
    if (!text) return;
    const folded = fold(text);
    const parts = folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);
    const joined = folded.replace(/[^\p{L}\p{N}]+/gu, "");
    for (const word of new Set([...parts, joined])) if (word.length >= 3) words.push({ word, what });
  };
  add(context.email?.split("@")[0], "your email address");
  add(context.name, "your name");
  add(context.schoolName, "the school's name");
  // Longest first, so "nia.roberts" is taken out whole before "nia".
  return words.sort((a, b) => b.word.length - a.word.length);
}

function checkShape(password: string, field: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new InvalidInput(field, `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) throw new InvalidInput(field, `must be at most ${MAX_PASSWORD_LENGTH} characters`);
  if (/^(.)\1+$/su.test(password)) throw new InvalidInput(field, "must not be one repeated character");
}

const ADVICE = "three or more random words make a strong password";

export function checkPasswordStrength(password: string, context: PasswordContext = {}, field = "password"): void {
  checkShape(password, field);
  if (isCommon(password)) {
    throw new InvalidInput(field, `is one of the most commonly used passwords (or one with only numbers or symbols added), which attackers try first; ${ADVICE}`);
  }
  // A word about the person, the school or Doorstep adds nothing an attacker does not know:
  // what is left once those words are taken out must stand as a password on its own.
  let rest = fold(password);
  const used: string[] = [];
  for (const { word, what } of contextWords(context)) {
    if (!rest.includes(word)) continue;
    rest = rest.split(word).join(" ");
    if (!used.includes(what)) used.push(what);
  }
  if (used.length === 0) return;
  const remainder = rest.trim();
  const weak = remainder.length < MIN_PASSWORD_LENGTH || /^(.)\1+$/su.test(remainder.replace(/\s+/g, "")) || isCommon(remainder);
  if (weak) {
    throw new InvalidInput(field, `is built on ${used.join(" and ")}, which an attacker would try first; ${ADVICE}`);
  }
}
