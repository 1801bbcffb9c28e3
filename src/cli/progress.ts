// The importer's progress bar: products, products/s and, when the size is known, an ETA.
// Off a terminal (cron, systemd, CI) cli-progress prints a plain line every few seconds instead.
import cliProgress from 'cli-progress';
import type { ImportObserver } from '../catalogue/import.js';

export interface ProgressBar extends ImportObserver {
  stop(): void;
}

export function createProgressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const started = performance.now();
  let bar: cliProgress.SingleBar | null = null;
  const stop = () => {
    bar?.stop();
    bar = null;
  };
  return {
    onProgress({ recordsRead, done, total }) {
      const seconds = (performance.now() - started) / 1000;
      const payload = {
        records: recordsRead.toLocaleString('en'),
        rate: seconds > 0 ? Math.round(recordsRead / seconds).toLocaleString('en') : '0',
      };
      if (bar === null) {
        bar = new cliProgress.SingleBar(
          {
            format:
              total === null
                ? 'Importing {records} products | {rate} products/s'
                : 'Importing [{bar}] {percentage}% | {records} products | {rate} products/s | ETA {eta_formatted}',
            stream,
            hideCursor: true,
            noTTYOutput: true,
            notTTYSchedule: 5_000,
            etaBuffer: 50,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total ?? 0, done, payload);
      }
      bar.update(done, payload);
    },
    onFinishing() {
      stop();
      stream.write('Saving the catalogue…\n');
    },
    stop,
  };
}
