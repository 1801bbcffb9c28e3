// The embedded database's import, in the worker thread that import.command.ts starts: it reports
// progress and its outcome to the main thread, which owns the terminal and the signals.
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config.js';
import { DataDirBusyError } from '../db/data-dir-lock.js';
import { CliError } from './cli-error.js';
import { type ImportOptions, importAndSummarise, type WorkerMessage } from './import.command.js';

const port = parentPort;
if (port === null) throw new Error('import-worker.ts runs as a worker thread only');
const { config, options } = workerData as { config: Config; options: ImportOptions };
const send = (message: WorkerMessage) => port.postMessage(message);
const controller = new AbortController();
port.on('message', (message) => {
  if (message === 'abort') controller.abort();
});

try {
  const summary = await importAndSummarise(config, options, controller.signal, {
    onProgress: (progress) => send({ kind: 'progress', progress }),
    onFinishing: () => send({ kind: 'finishing' }),
  });
  send({ kind: 'done', summary });
} catch (error) {
  const expected = error instanceof CliError || error instanceof DataDirBusyError;
  send({
    kind: 'failed',
    expected,
    message:
      error instanceof Error ? (expected ? error.message : (error.stack ?? error.message)) : String(error),
  });
} finally {
  port.close();
}
