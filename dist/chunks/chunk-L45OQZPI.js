import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/files.ts
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
async function writeFileAtomic(target, content) {
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  await writeFile(tmp, content);
  await rename(tmp, target);
}
function describeWriteFailure(error, redacted) {
  const code = error?.code;
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) {
    return `the file system refused it (${code}): check that the path names a file in a folder this run can write to`;
  }
  const detail = error instanceof Error ? redacted ? error.name : error.message : String(error);
  return `unexpected error (${detail}). This is a bug; rerun with debug logging and report it`;
}

export {
  writeFileAtomic,
  describeWriteFailure
};
