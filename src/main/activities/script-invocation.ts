/**
 * How a package script is run, the way package managers run it but without an `npm run` process
 * per package: the script text through the platform's shell in the package folder, with the
 * package's and the root's `node_modules/.bin` first on PATH (the rest of the environment: see
 * build-environment.ts). Only the script text the user wrote reaches the shell; package names and
 * paths travel as the working folder and as environment values, never as shell text.
 */
import { join } from 'node:path';

/** The program and arguments that run `script` through the platform's shell. */
export function shellInvocation(
  script: string,
  platform: NodeJS.Platform = process.platform,
): { program: string; args: string[]; windowsVerbatimArguments: boolean } {
  if (platform === 'win32') {
    // As npm does: cmd /d /s /c "<script>", passed verbatim so cmd sees the quotes.
    return { program: 'cmd.exe', args: ['/d', '/s', '/c', `"${script}"`], windowsVerbatimArguments: true };
  }
  return { program: 'sh', args: ['-c', script], windowsVerbatimArguments: false };
}

/** `env` with `<packageDir>/node_modules/.bin` and `<rootDir>/node_modules/.bin` prepended to PATH. */
export function scriptEnv(
  env: NodeJS.ProcessEnv,
  packageDir: string,
  rootDir: string,
  platform: NodeJS.Platform = process.platform,
): NodeJS.ProcessEnv {
  // Windows spells it Path; keep whichever key the environment already uses.
  const key =
    platform === 'win32' ? (Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'Path') : 'PATH';
  const bins = [
    ...new Set([join(packageDir, 'node_modules', '.bin'), join(rootDir, 'node_modules', '.bin')]),
  ];
  const current = env[key];
  const sep = platform === 'win32' ? ';' : ':';
  return { ...env, [key]: [...bins, ...(current ? [current] : [])].join(sep) };
}
