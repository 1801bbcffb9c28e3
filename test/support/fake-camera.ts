// A fake camera for Chromium: a video file showing a real barcode, played by Chromium's fake
// capture device (--use-file-for-fake-video-capture) to any page that calls getUserMedia.
// The bars come from bwip-js (Barcode Writer in Pure PostScript's encoder); the file is
// YUV4MPEG2 (https://wiki.multimedia.cx/index.php/YUV4MPEG2), a text header then raw I420 frames.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import bwipjs from 'bwip-js';

const WIDTH = 640;
const HEIGHT = 480;
/** Pixels per module (the narrowest bar): 95 modules of an EAN-13 take 380 of the 640. */
const MODULE_PX = 4;
/** A second of the same picture: Chromium loops the file. */
const FRAMES = 30;

/** The Chromium flags that make `video` the camera, and accept the permission prompt. */
export function fakeCameraArgs(video: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${video}`,
  ];
}

/** Writes <dir>/<code>.y4m: black EAN-13 bars of `code` on white, centred. Returns its path. */
export function writeBarcodeVideo(dir: string, code: string): string {
  const [symbol] = bwipjs.raw({ bcid: 'ean13', text: code });
  if (symbol === undefined || !('sbs' in symbol)) throw new Error(`bwip-js encoded no bars for ${code}`);
  // sbs: widths in modules, bar first, then space, bar…
  const bars: number[] = symbol.sbs;
  const modules = bars.reduce((sum, width) => sum + width, 0);
  const luma = Buffer.alloc(WIDTH * HEIGHT, 235);
  const left = Math.floor((WIDTH - modules * MODULE_PX) / 2);
  const top = Math.floor(HEIGHT / 4);
  const bottom = HEIGHT - top;
  let x = left;
  bars.forEach((width, index) => {
    const end = x + width * MODULE_PX;
    if (index % 2 === 0) {
      for (let y = top; y < bottom; y++) luma.fill(16, y * WIDTH + x, y * WIDTH + end);
    }
    x = end;
  });
  // Grey: every chroma sample neutral (128), a quarter as many of each as luma samples (4:2:0).
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const path = join(dir, `${code}.y4m`);
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F30:1 Ip A1:1 C420jpeg\n`),
      ...Array.from({ length: FRAMES }, () => frame),
    ]),
  );
  return path;
}
