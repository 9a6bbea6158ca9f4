// Output files of the command-line tools: the path is checked before any work starts, and a
// file is written whole or not at all (a temporary file in the same folder, then a rename), so a
// full disk or an interruption never leaves half a file in place of a good one.
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { shortText } from '../config/schema';
import { ArgumentError, OutputError } from './args';

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? shortText((e as Error).message);
}

function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false;
  }
}

function temporaryName(path: string): string {
  return resolve(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Checks that `out` can be written (the folder exists and takes a new file, `out` is not a
 * folder and is none of the input files); throws ArgumentError with one line otherwise.
 */
export function checkOutputPath(out: string, inputs: readonly (string | null)[] = []): void {
  const shown = `"${shortText(out)}"`;
  if (out.trim() === '') throw new ArgumentError('--out: the file name is empty');
  for (const input of inputs) {
    if (input !== null && sameFile(out, input)) throw new ArgumentError(`--out: ${shown} is the --config file; write the results to another file`);
  }
  let isFolder = false;
  try {
    isFolder = statSync(out).isDirectory();
  } catch {
    // a new file: its folder is checked below
  }
  if (isFolder || out.endsWith('/')) throw new ArgumentError(`--out: ${shown} is a folder; give a file name`);
  const folder = dirname(resolve(out));
  let folderStat;
  try {
    folderStat = statSync(folder);
  } catch {
    throw new ArgumentError(`--out: the folder "${shortText(folder)}" does not exist`);
  }
  if (!folderStat.isDirectory()) throw new ArgumentError(`--out: "${shortText(folder)}" is not a folder`);
  const probe = temporaryName(out);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (e) {
    throw new ArgumentError(`--out: cannot write in "${shortText(folder)}": ${errorCode(e)}`);
  }
}

/** Writes `text` to `path` whole or not at all; throws OutputError with one line on failure. */
export function writeFileAtomic(path: string, text: string): void {
  const temporary = temporaryName(path);
  let fd: number | null = null;
  try {
    fd = openSync(temporary, 'wx');
    const data = Buffer.from(text, 'utf8');
    for (let written = 0; written < data.length;) written += writeSync(fd, data, written, data.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temporary, path);
  } catch (e) {
    if (fd !== null) try { closeSync(fd); } catch { /* already failing */ }
    try { unlinkSync(temporary); } catch { /* never created */ }
    throw new OutputError(`cannot write "${shortText(path)}": ${errorCode(e)}; the file was left as it was`);
  }
}
