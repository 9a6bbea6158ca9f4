// Checks of what is typed into the number boxes, against the configuration schema's pieces.
import type { z } from 'zod';
import { shortText } from '../config/schema';

/** A decimal number, optionally signed and with an exponent; one way to match each text, so that a
 * long text that is not a number is refused in linear time. */
export const NUMBER_TEXT = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?\s*$/i;

/** The problem with a typed number, or null with its value. Pure, for the tests. */
export function checkNumber(text: string, schema: z.ZodType, integer = false): { value: number; error: null } | { value: null; error: string } {
  if (text.trim() === '') return { value: null, error: 'enter a number' };
  if (!NUMBER_TEXT.test(text)) return { value: null, error: `"${shortText(text.trim())}" is not a number` };
  const value = Number(text);
  if (integer && !Number.isInteger(value)) return { value: null, error: 'must be a whole number' };
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { value: null, error: friendly(parsed.error.issues[0]?.message ?? 'not allowed') };
  return { value, error: null };
}

function friendly(message: string): string {
  // zod's defaults ("Too small: expected number to be >0") read better as "must be > 0"
  const m = /expected (?:number|int) to be ([<>]=?)\s*(-?[\d.e+-]+)/i.exec(message);
  return m ? `must be ${m[1]} ${m[2]}` : message;
}

