// How single values read from and write to a link: numbers in the shortest round-trip spelling,
// whole numbers, choices; a bad value throws a message that echoes it (shortened).
import { shortText } from './schema';

/** A value as a message echoes it: one line, at most about 60 characters. */
export const q = (text: string): string => shortText(text);

// Each branch of the pattern starts differently, so a failed match never backtracks over digits.
const NUMBER_PATTERN = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i;
export const num = (text: string): number => {
  if (!NUMBER_PATTERN.test(text.trim())) throw new Error(`"${q(text)}" is not a number`);
  return Number(text);
};
export const int = (text: string): number => {
  const n = num(text);
  if (!Number.isInteger(n)) throw new Error(`"${q(text)}" is not a whole number`);
  return n;
};
export const oneOf = <T extends string>(options: readonly T[]) => (text: string): T => {
  if (!(options as readonly string[]).includes(text)) throw new Error(`"${q(text)}" is not one of ${options.join(', ')}`);
  return text as T;
};
// Shortest text that reads back to the same double, so a link restores values exactly; exponents
// without '+' (1e21, not 1e+21), which a query would have to escape.
export const formatNumber = (x: number): string => String(x).replace('e+', 'e');


/** A field of a link: its key, the configuration property it holds, and how it reads and writes. */
export interface Field<S, K extends keyof S> {
  key: string;
  path: K;
  encode: (value: S[K]) => string;
  decode: (text: string) => S[K];
}

/** The field maker for configurations of shape S (typed so that encode and decode fit the property). */
export function fieldsOf<S>() {
  return <K extends keyof S>(key: string, path: K, encode: (v: S[K]) => string, decode: (t: string) => S[K]): Field<S, K> => ({ key, path, encode, decode });
}
