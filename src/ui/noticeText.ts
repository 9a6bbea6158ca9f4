// Notices echo what a link or a file asked for; a bad value can be thousands of characters long.
// Each long stretch without spaces is cut to its first characters and an ellipsis, and a long
// notice as a whole keeps its start and its end (the reason) around an ellipsis.

/** At most this many characters of one value are echoed (the ellipsis included). */
export const ECHO_LIMIT = 60;
/** At most this many characters of a whole notice are shown (the ellipsis included). */
export const NOTICE_LIMIT = 300;

/**
 * `text` with every run of more than ECHO_LIMIT non-space characters cut to ECHO_LIMIT, ending
 * in "…"; punctuation that closes the run (`": ` after a value) is kept.
 */
export function clipEcho(text: string, limit = ECHO_LIMIT): string {
  const longRun = new RegExp(`(\\S{${limit + 1},}?)([:;,.)"']*)(?=\\s|$)`, 'gu');
  return text.replace(longRun, (_, run: string, close: string) => `${[...run].slice(0, limit - 1).join('')}…${close}`);
}

/** A notice as shown: long values clipped (see clipEcho), then at most NOTICE_LIMIT characters, keeping its start and end. */
export function noticeText(text: string, limit = NOTICE_LIMIT): string {
  const chars = [...clipEcho(text)];
  if (chars.length <= limit) return chars.join('');
  const tail = Math.floor(limit / 3);
  return `${chars.slice(0, limit - tail - 1).join('')}…${chars.slice(chars.length - tail).join('')}`;
}
