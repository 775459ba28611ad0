import cliProgress from 'cli-progress';

/**
 * A progress bar on stderr with rate and time left, driven by bytes read (the row count of a
 * streamed file is not known in advance). Silent when stderr is not a terminal.
 */
export function progressBar(label: string, unit: string) {
  const enabled = process.stderr.isTTY === true;
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} {bar} {percentage}% | {count} ${unit} | {rate} ${unit}/s | {eta_formatted} left`,
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let startedBar = false;
  return {
    update(count: number, bytesRead: number, totalBytes: number) {
      if (!enabled) return;
      if (!startedBar) {
        bar.start(Math.max(1, totalBytes), 0, { count: 0, rate: '0' });
        startedBar = true;
      }
      const seconds = (Date.now() - started) / 1000;
      bar.update(Math.min(bytesRead, totalBytes), { count, rate: seconds > 0 ? (count / seconds).toFixed(1) : '0' });
    },
    stop() {
      if (startedBar) bar.stop();
    },
  };
}
