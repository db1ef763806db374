import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/report/text.ts
var CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
var LINE_BREAKS = /[\t\n\r\u2028\u2029]+/g;
var CONTROL_CHAR = new RegExp(CONTROL.source);
var LINE_BREAK_CHAR = /[\n\r\u2028\u2029]/;
var ZWSP = "\u200B";
function truncate(s, max) {
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  return chars.slice(0, Math.max(0, max - 1)).join("") + "\u2026";
}
function singleLine(s) {
  return s.replace(LINE_BREAKS, " ").replace(CONTROL, "").replace(/ {2,}/g, " ").trim();
}
function neutraliseWorkflowCommands(s) {
  return s.replace(/:(?=:)/g, `:${ZWSP}`).replace(/#(?=#\[)/g, `#${ZWSP}`);
}
function codeFrame(lineNumber, column, source, width = 100) {
  const chars = Array.from(source.replace(/\r$/, ""));
  const caret = Math.min(Array.from(source.slice(0, Math.max(0, column - 1))).length, chars.length);
  const start = chars.length <= width ? 0 : Math.max(0, Math.min(caret - Math.floor(width / 2), chars.length - width));
  const end = Math.min(chars.length, start + width);
  const shown = chars.slice(start, end).map((c) => c === "	" ? "\u2192" : CONTROL_CHAR.test(c) || LINE_BREAK_CHAR.test(c) ? "?" : c).join("");
  const text = `${start > 0 ? "\u2026" : ""}${shown}${end < chars.length ? "\u2026" : ""}`;
  const gutter = String(lineNumber);
  return [
    `${gutter} | ${neutraliseWorkflowCommands(text)}`,
    `${" ".repeat(gutter.length)} | ${" ".repeat(caret - start + (start > 0 ? 1 : 0))}^`
  ];
}
function inlinePlain(s, max = 200) {
  return truncate(neutraliseWorkflowCommands(singleLine(s)), max);
}
var MARKDOWN_SPECIAL = /[\\`*_[\]()#|~{}]/g;
var WORD = /[A-Za-z0-9_]/;
var ALNUM = /[A-Za-z0-9]/;
var DIGIT = /[0-9]/;
function isMention(chars, i) {
  return !WORD.test(chars[i - 1] ?? " ") && ALNUM.test(chars[i + 1] ?? "");
}
function isIssueReference(chars, i) {
  if (!DIGIT.test(chars[i + 1] ?? "")) return false;
  let start = i;
  while (start > 0 && /[A-Za-z0-9_.-]/.test(chars[start - 1])) start--;
  return start === i || chars[start - 1] === "/";
}
function isGhReference(chars, i) {
  return chars[i - 1] === "H" && chars[i - 2] === "G" && !WORD.test(chars[i - 3] ?? " ") && DIGIT.test(chars[i + 1] ?? "");
}
function inlineMarkdown(s, max = 200) {
  const chars = Array.from(truncate(singleLine(s), max));
  let out = "";
  chars.forEach((ch, i) => {
    if (ch === "&") out += "&amp;";
    else if (ch === "<") out += "&lt;";
    else if (ch === ">") out += "&gt;";
    else if (ch === '"') out += "&quot;";
    else if (ch === "@") out += isMention(chars, i) ? `@${ZWSP}` : "&commat;";
    else if (ch === "#" && DIGIT.test(chars[i + 1] ?? ""))
      out += isIssueReference(chars, i) ? `\\#${ZWSP}` : "&num;";
    else if (ch === "-" && isGhReference(chars, i)) out += `-${ZWSP}`;
    else out += ch.replace(MARKDOWN_SPECIAL, "\\$&");
  });
  out = out.replace(/^[-+]/, "\\$&");
  return neutraliseWorkflowCommands(out);
}

export {
  truncate,
  singleLine,
  neutraliseWorkflowCommands,
  codeFrame,
  inlinePlain,
  inlineMarkdown
};
