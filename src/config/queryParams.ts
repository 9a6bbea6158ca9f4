// The parameters of a query as the link decoder reads them: bounded lengths (so that decoding
// time stays linear and small whatever a link holds) and one value per key, except the scheme
// list `s`; whatever is dropped is said in an issue.
import { shortText, type ConfigIssue } from './schema';

/** Longest value read from a query (a scheme with schedules of every option stays far below);
 * longer values are ignored with an issue, so decoding time stays linear and small. */
export const MAX_VALUE_LENGTH = 4096;
/** Longest link (its settings part) read at all: a longer one is refused as a whole. */
export const MAX_QUERY_LENGTH = 32_768;
/** Scheme tokens read (at most 8 schemes are kept): decoding is linear, and this bounds its constant. */
export const MAX_SCHEME_TOKENS = 64;

const q = (text: string): string => shortText(text);

/** Whether a link's fragment (without '#') holds settings rather than naming a place in the page. */
export function isSettingsFragment(fragment: string): boolean {
  return fragment.includes('=');
}

/**
 * The part of a link that holds its settings: the fragment (`#…`, which browsers never send to a
 * server) when it holds settings, else the query (`?…`, the older spelling); a text with neither
 * (`s=sat:js&seeds=2`) is read whole when it holds settings. `both`: the query held settings too
 * and was not read.
 */
export function linkSettings(link: string): { text: string; both: boolean } {
  const hash = link.indexOf('#');
  const fragment = hash >= 0 ? link.slice(hash + 1) : '';
  const beforeHash = hash >= 0 ? link.slice(0, hash) : link;
  const mark = beforeHash.indexOf('?');
  // without '?', what comes before '#' is read only when it holds settings (not a page's address)
  const query = mark >= 0 ? beforeHash.slice(mark + 1) : isSettingsFragment(beforeHash) ? beforeHash : '';
  if (isSettingsFragment(fragment)) return { text: fragment, both: query !== '' };
  return { text: query, both: false };
}

/** The parameters of a link (a query or fragment with or without '?' or '#', or a whole URL), or
 * null when it is too long to read. */
export function queryParams(query: string, issues: ConfigIssue[]): URLSearchParams | null {
  const { text: search, both } = linkSettings(query);
  if (both) issues.push({ field: '(link)', message: 'the link has settings after both ? and #: read those after #, ignored those after ?', adjusted: true });
  if (search.length > MAX_QUERY_LENGTH) {
    issues.push({ field: '(link)', message: `ignored the whole link: it is ${search.length} characters long, at most ${MAX_QUERY_LENGTH} are read` });
    return null;
  }
  return readableParams(new URLSearchParams(search), issues);
}

/**
 * The parameters the decoder reads: a value longer than MAX_VALUE_LENGTH is dropped, and of a key
 * given more than once (other than the scheme list `s`) only the first value is kept; each with
 * an issue that says so.
 */
function readableParams(params: URLSearchParams, issues: ConfigIssue[]): URLSearchParams {
  const kept = new URLSearchParams();
  const seen = new Map<string, string>();
  let schemeTokens = 0;
  for (const [key, value] of params) {
    if (key === 's' && ++schemeTokens > MAX_SCHEME_TOKENS) continue;
    if (value.length > MAX_VALUE_LENGTH) {
      issues.push({ field: key, message: `ignored ${q(key)}: its value is ${value.length} characters long, at most ${MAX_VALUE_LENGTH} are read` });
      continue;
    }
    const first = seen.get(key);
    if (first !== undefined && key !== 's') {
      issues.push({ field: key, message: `ignored ${q(key)}=${q(value)}: ${q(key)} is given more than once; kept the first, ${q(key)}=${q(first)}` });
      continue;
    }
    seen.set(key, value);
    kept.append(key, value);
  }
  if (schemeTokens > MAX_SCHEME_TOKENS) issues.push({ field: 's', message: `ignored ${schemeTokens - MAX_SCHEME_TOKENS} schemes after the first ${MAX_SCHEME_TOKENS} (at most 8 are kept)` });
  return kept;
}
