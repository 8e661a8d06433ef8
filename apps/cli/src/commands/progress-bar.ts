import type { RebuildProgress } from '@covenant/projections/framework/rebuild';

const WIDTH = 30;

function eta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '--';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
}

/** One line: bar, position of head, events/s and ETA. */
export function progressLine(p: RebuildProgress): string {
  const ratio = p.head > 0 ? Math.min(1, p.position / p.head) : 1;
  const filled = Math.round(ratio * WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
  return `${bar} ${(ratio * 100).toFixed(1).padStart(5)}%  position ${p.position.toLocaleString('en')}/${p.head.toLocaleString('en')}  ${p.eventsPerSec.toLocaleString('en')} events/s  ETA ${eta(p.etaSeconds)}`;
}

/**
 * A progress bar on a terminal (redrawn in place), or a line every few seconds when the output is a
 * file or a pipe (logs stay readable).
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr, everyMs = 2000): { update(p: RebuildProgress): void; done(): void } {
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const now = Date.now();
      if (stream.isTTY) {
        if (now - last < 100 && p.position < p.head) return;
        stream.write(`\r${progressLine(p)}`);
        drawn = true;
      } else {
        if (now - last < everyMs && p.position < p.head) return;
        stream.write(`${progressLine(p)}\n`);
      }
      last = now;
    },
    done() {
      if (drawn) stream.write('\n');
    },
  };
}
