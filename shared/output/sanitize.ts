// The one place that makes untrusted text (object names, paths, messages quoting scanned files) safe to
// print where a CI runner reads it. Both runners scan every log line for commands: Azure DevOps for
// `##vso[` anywhere and `##[` formatting commands, GitHub for `::name ...::` at the start of a
// trimmed line and the old `##[name]` form anywhere. A manifest must never be able to set a variable,
// add a path or fake an annotation just because aks-gate printed its content.

/**
 * Inserted between the two characters of a command prefix. Invisible, so IPv6 ranges like `::/0` and
 * names like `std::string` still read as written, but the runner's literal prefix match no longer hits.
 */
const BREAK = '\u200B';

// CSI (ESC [ … final), OSC (ESC ] … BEL or ST), other two-byte ESC sequences, and the 8-bit CSI.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;

// C0 and C1 controls except tab and newline, DEL, and the bidirectional overrides that let text read
// differently from what it is ("Trojan Source").
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Removes ANSI escapes and control characters; CR and CRLF become LF (a lone CR can overwrite a line in a terminal). */
export function stripControl(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(ANSI, '').replace(CONTROL, '');
}

/** Breaks every runner command prefix: `##vso[`, `##[` and `::` (GitHub only parses it at a line start, but a value may end up there). */
export function neutralizeCommands(text: string): string {
  return text.replace(/#(?=#(?:vso)?\[)/gi, `#${BREAK}`).replace(/:(?=:)/g, `:${BREAK}`);
}

/** Safe for a log, keeping line breaks: for multi-line blocks. */
export function safeText(text: string): string {
  return neutralizeCommands(stripControl(text));
}

/** Safe for a log and on one line: for a value inside a line (a message, a name, a path). */
export function safeLine(text: string): string {
  return neutralizeCommands(foldLines(stripControl(text)));
}

/** Newlines and the blanks around them become one space. */
export function foldLines(text: string): string {
  return text.replace(/[ \t]*\n\s*/g, ' ').trim();
}

/** Shortens to at most `max` characters (UTF-16 units), marking the cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Do not split a surrogate pair: half an emoji is an invalid character in UTF-8 output.
  let cut = Math.max(0, max - 1);
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}
