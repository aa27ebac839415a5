// Part of `npm run build` (and so of `npm run package` and `npm run dev`): renders the app icon,
// resources/icon.svg, to the PNG files the desktop app needs. They are build output (build/ is
// ignored by git), made from the one SVG the repository keeps:
//   build/icons/<n>x<n>.png  the icon set electron-builder ships for Linux (linux.icon), 16…1024
//   build/icon.png           512×512: electron-builder's app icon (converted for macOS and
//                            Windows) and the desktop window's icon (src/main/electron/main.ts)
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

/** The square sizes of the icon set, in pixels. */
export const ICON_SIZES: readonly number[] = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
/** The size of build/icon.png (electron-builder asks for 512×512 or more). */
export const APP_ICON_SIZE = 512;

export interface GeneratedIcons {
  /** build/icon.png */
  appIcon: string;
  /** build/icons/<n>x<n>.png, smallest first. */
  iconSet: string[];
}

/** Renders `svgPath` into `outDir` (icon.png and icons/<n>x<n>.png); returns the written paths. */
export async function generateIcons(svgPath: string, outDir: string): Promise<GeneratedIcons> {
  const svg = await readFile(svgPath, 'utf8');
  const render = (size: number): Buffer =>
    new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
  const setDir = join(outDir, 'icons');
  await mkdir(setDir, { recursive: true });
  const iconSet: string[] = [];
  for (const size of ICON_SIZES) {
    const file = join(setDir, `${size}x${size}.png`);
    await writeFile(file, render(size));
    iconSet.push(file);
  }
  const appIcon = join(outDir, 'icon.png');
  await writeFile(appIcon, render(APP_ICON_SIZE));
  return { appIcon, iconSet };
}

const root = fileURLToPath(new URL('..', import.meta.url));

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { appIcon, iconSet } = await generateIcons(join(root, 'resources/icon.svg'), join(root, 'build'));
  console.log(`rendered resources/icon.svg → ${relative(root, appIcon)} and ${iconSet.length} sizes in build/icons`);
}
