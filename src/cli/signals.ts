/** Ctrl-C and `systemctl stop` ask for a clean stop; a second Ctrl-C is not swallowed. */
export function onInterrupt(stop: (signal: NodeJS.Signals) => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    removeListeners();
    stop(signal);
  };
  const removeListeners = () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return removeListeners;
}
