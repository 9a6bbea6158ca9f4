// The configuration loader shared by the command-line tools: `--config` names a JSON file (a
// configuration, or a results file of the experiment command, whose configuration is read), a
// playground link (its settings after # or ?) or those settings alone. Values that were ignored
// are errors here (exit 2), naming the field; values used after an adjustment are notes.
import { readFileSync } from 'node:fs';
import { parseConfigJson, shortText, type Config, type ConfigIssue } from '../config/schema';
import { configFromQuery } from '../config/url';
import { ArgumentError } from './args';

/** True when `source` is a link or its settings (`?…`, `#…`, or bare) rather than a file name. */
export function looksLikeQuery(source: string): boolean {
  return /^https?:\/\//i.test(source) || /^[?#]/.test(source) || (source.includes('=') && !/\.json$/i.test(source));
}

export interface LoadedConfig {
  config: Config;
  /** Adjustments made while reading, one line each. */
  notes: string[];
  /** The file read, or null for a query. */
  file: string | null;
}

function issueText(issue: ConfigIssue): string {
  return `${shortText(issue.field)}: ${issue.message}`;
}

/** One line for the ignored values: the first in full, the count of the others. */
function refusal(issues: ConfigIssue[]): ArgumentError {
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more: ${issues.slice(1, 4).map((i) => shortText(i.field, 20)).join(', ')}${issues.length > 4 ? ', ...' : ''})` : '';
  return new ArgumentError(`--config: ${issueText(issues[0])}${more}`);
}

/** Reads the configuration `--config` names; throws ArgumentError for anything unusable. */
export function loadConfig(source: string): LoadedConfig {
  if (source.trim() === '') throw new ArgumentError('--config: the value is empty; give a JSON file or a playground link');
  let result: { config: Config | null; issues: ConfigIssue[] };
  let file: string | null = null;
  if (looksLikeQuery(source)) {
    result = configFromQuery(source);
  } else {
    let text: string;
    try {
      text = readFileSync(source, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code ?? shortText((e as Error).message);
      throw new ArgumentError(`--config: cannot read "${shortText(source)}": ${why}`);
    }
    file = source;
    result = parseConfigJson(text);
  }
  const refused = result.issues.filter((i) => !i.adjusted);
  if (!result.config || refused.length > 0) throw refusal(refused.length > 0 ? refused : result.issues);
  return { config: result.config, notes: result.issues.map(issueText), file };
}
