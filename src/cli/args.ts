// The argument parser and error reporting shared by the command-line tools: --name value,
// --name=value and boolean --flag. Every error is one line naming the argument: a bad argument
// exits with code 2, a failed read or write with code 1, and no stack trace is printed.
import { shortText } from '../config/schema';

/** A bad argument or configuration: exit code 2. */
export class ArgumentError extends Error {}

/** A file could not be read or written: exit code 1. */
export class OutputError extends Error {}

export interface OptionSpec {
  /** true: the option takes a value; false: a boolean flag */
  readonly takesValue: boolean;
}

export type ParsedArgs = Map<string, string | true>;

/** Reads argv against the spec. A flag given twice is refused, naming both values. */
export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, OptionSpec>>): ParsedArgs {
  const out: ParsedArgs = new Map();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] === '-h' ? '--help' : argv[i];
    if (!arg.startsWith('--')) throw new ArgumentError(`unexpected argument "${shortText(arg)}"`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const option = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!option) throw new ArgumentError(`unknown option --${shortText(name)}`);
    let value: string | true = true;
    if (!option.takesValue) {
      if (eq >= 0) throw new ArgumentError(`--${name} takes no value`);
    } else if (eq >= 0) {
      value = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new ArgumentError(`--${name} expects a value`);
      value = next;
      i++;
    }
    const before = out.get(name);
    if (before !== undefined) {
      const both = typeof before === 'string' ? ` ("${shortText(before)}", then "${shortText(String(value))}")` : '';
      throw new ArgumentError(`--${name} is given twice${both}: give it once`);
    }
    out.set(name, value);
  }
  return out;
}

/** The string value of an option, or undefined when it is absent. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** A whole number from min to max, or an error naming the option and the value. */
export function integerOption(name: string, text: string, min: number, max: number): number {
  const n = /^\s*[-+]?\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new ArgumentError(`--${name}: expected a whole number from ${min} to ${max}, got "${shortText(text)}"`);
  return n;
}

/** One of the given words, or an error naming the option, the choices and the value. */
export function choiceOption<T extends string>(name: string, text: string, choices: readonly T[], hint = ''): T {
  if (!(choices as readonly string[]).includes(text)) throw new ArgumentError(`--${name}: expected ${choices.join(', ')}${hint}, got "${shortText(text)}"`);
  return text as T;
}

/** An error as one line: newlines folded, at most 300 characters. */
export function errorLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return shortText(message, 300);
}

/**
 * Runs a command's body and turns what it throws into one line on stderr and an exit code:
 * ArgumentError 2, anything else (a read or write that failed, an engine error) 1.
 */
export async function runCommand(body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    process.stderr.write(`error: ${errorLine(e)}\n`);
    return e instanceof ArgumentError ? 2 : 1;
  }
}
