// Finds a scanner executable: the path the user gave, or the first match on PATH. Never downloads.
// Only absolute PATH entries count: an empty or `.` entry would run a `trivy` committed to the very
// repository being checked.

import { access, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

export async function findExecutable(name: string, env: NodeJS.ProcessEnv, explicit?: string): Promise<string | undefined> {
  if (explicit !== undefined && explicit !== '') {
    const path = resolve(explicit);
    return (await isExecutableFile(path)) ? path : undefined;
  }
  const dirs = (pathValue(env) ?? '').split(delimiter).filter((dir) => dir !== '' && isAbsolute(dir));
  const names = process.platform === 'win32' ? windowsNames(name, env) : [name];
  for (const dir of dirs) {
    for (const candidate of names) {
      const path = join(dir, candidate);
      if (await isExecutableFile(path)) return path;
    }
  }
  return undefined;
}

/** Windows spells it `Path`; environment keys are case-insensitive there. */
function pathValue(env: NodeJS.ProcessEnv): string | undefined {
  if (env.PATH !== undefined) return env.PATH;
  const key = Object.keys(env).find((k) => k.toUpperCase() === 'PATH');
  return key === undefined ? undefined : env[key];
}

function windowsNames(name: string, env: NodeJS.ProcessEnv): string[] {
  const extensions = (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean);
  return extensions.map((ext) => `${name}${ext.toLowerCase()}`);
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
