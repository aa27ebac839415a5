/**
 * Proves: scripts/generate-icons.ts renders resources/icon.svg into every icon size electron-builder
 * and the window use (build/icons/<n>x<n>.png, build/icon.png at 512), each a real PNG of its
 * stated size showing the drawing (transparent outside the rounded tile, the top node's green in
 * it), read by a decoder independent of the renderer. Tier: quick (unit).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_ICON_SIZE, ICON_SIZES, generateIcons } from '../../../scripts/generate-icons';
import { decodePng } from '../../support/png';

const svg = new URL('../../../resources/icon.svg', import.meta.url).pathname;
const outDir = mkdtempSync(join(tmpdir(), 'wb-icons-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('generateIcons', () => {
  it('writes the icon set 16…1024 and a 512 icon.png, each PNG of its size', async () => {
    const { appIcon, iconSet } = await generateIcons(svg, outDir);

    expect(readdirSync(join(outDir, 'icons')).sort()).toEqual(ICON_SIZES.map((n) => `${n}x${n}.png`).sort());
    expect(iconSet).toEqual(ICON_SIZES.map((n) => join(outDir, 'icons', `${n}x${n}.png`)));
    for (const [index, size] of ICON_SIZES.entries()) {
      const png = decodePng(readFileSync(iconSet[index]!));
      expect([png.width, png.height]).toEqual([size, size]);
    }
    expect(appIcon).toBe(join(outDir, 'icon.png'));
    const app = decodePng(readFileSync(appIcon));
    expect([app.width, app.height]).toEqual([APP_ICON_SIZE, APP_ICON_SIZE]);
  });

  it('renders the drawing: a transparent corner, the dark tile, the green top node', () => {
    const png = decodePng(readFileSync(join(outDir, 'icons', '64x64.png')));
    // At 64 px one pixel is one unit of the SVG's 64×64 viewBox.
    expect(png.pixel(0, 0)[3]).toBe(0);
    expect(png.pixel(32, 60)).toEqual([0x14, 0x1a, 0x26, 255]);
    expect(png.pixel(32, 13)).toEqual([0x4c, 0xc3, 0x8a, 255]);
  });
});
