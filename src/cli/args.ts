// A tiny argument parser shared by the command-line tools: --name value, --name=value and
// boolean --flag. Errors are one line naming the argument; the caller exits with code 2.

export class ArgumentError extends Error {}

export interface OptionSpec {
  /** true: the option takes a value; false: a boolean flag */
  readonly takesValue: boolean;
}

export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, OptionSpec>>): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new ArgumentError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const option = spec[name];
    if (!option) throw new ArgumentError(`unknown option --${name}`);
    if (out.has(name)) throw new ArgumentError(`--${name} given twice`);
    if (!option.takesValue) {
      if (eq >= 0) throw new ArgumentError(`--${name} takes no value`);
      out.set(name, true);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new ArgumentError(`--${name} expects a value`);
      i++;
    }
    out.set(name, value);
  }
  return out;
}

/** Runs main, turning ArgumentError into "error: ..." on stderr and exit code 2. */
export async function runCli(main: () => Promise<void> | void): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (err instanceof ArgumentError) {
      process.stderr.write(`error: ${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
