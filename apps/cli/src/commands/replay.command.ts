import { Command } from 'commander';
import { loadConfig } from '@covenant/application/config/covenant-config';
import { openReplay, OpenedReplay } from '@covenant/application/replay/open-replay';
import { replayContract, replayPartnership } from '@covenant/application/replay/replay-views';
import type { AppliedEvent, AsOfRequest } from '@covenant/application/replay/stream-replay';

/** Exit codes of `covenant replay` and `covenant diff`. */
export const REPLAY_EXIT = { ok: 0, notFound: 1, invalid: 2 } as const;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 instant with its offset, or undefined after reporting (exit 2). */
export function instantOption(command: string, name: string, value: string | undefined): string | undefined | null {
  if (value === undefined) return undefined;
  if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return value;
  process.stderr.write(`covenant ${command}: ${name} must be an ISO-8601 instant with an offset (e.g. 2025-03-01T00:00:00Z), not ${JSON.stringify(value)}\n`);
  process.exitCode = REPLAY_EXIT.invalid;
  return null;
}

export async function withReplay<T>(command: string, work: (opened: OpenedReplay) => Promise<T>): Promise<T | undefined> {
  const config = loadConfig();
  let opened: OpenedReplay;
  try {
    opened = await openReplay(config);
  } catch (err) {
    process.stderr.write(`covenant ${command}: cannot open the ${config.store} store: ${(err as Error).message}\n`);
    process.exitCode = REPLAY_EXIT.invalid;
    return undefined;
  }
  try {
    return await work(opened);
  } finally {
    await opened.close();
  }
}

const eventLine = (e: AppliedEvent): string => `  #${e.position}  v${e.version}  ${e.type.padEnd(28)} occurred ${e.occurredAt}  recorded ${e.recordedAt}`;

function header(kind: string, id: string, request: AsOfRequest): string {
  return `${kind} ${id} as of ${request.asOf ?? 'now'}, as known at ${request.knownAt ?? 'now'}`;
}

export function registerReplayCommand(program: Command): void {
  const replay = program.command('replay').description('Replay a stream as of a business time (--as-of) as known at a record time (--known-at), listing the events applied.');
  for (const kind of ['contract', 'partnership'] as const) {
    replay
      .command(`${kind} <id>`)
      .description(`The ${kind}'s state replayed from its events (the same replay as GET /${kind === 'contract' ? 'contracts/{id}?asOf=&knownAt=' : 'partnerships/{id}/state?asOf=&knownAt='}). Exits 1 when there is no ${kind} so replayed.`)
      .option('--as-of <instant>', 'apply only the events that had occurred by then (ISO-8601)')
      .option('--known-at <instant>', 'only the events recorded by then (ISO-8601)')
      .option('--json', 'print the replayed view as JSON')
      .action(async (id: string, opts: { asOf?: string; knownAt?: string; json?: boolean }) => {
        const asOf = instantOption('replay', '--as-of', opts.asOf);
        const knownAt = instantOption('replay', '--known-at', opts.knownAt);
        if (asOf === null || knownAt === null) return;
        const request: AsOfRequest = { ...(asOf ? { asOf } : {}), ...(knownAt ? { knownAt } : {}) };
        await withReplay('replay', async ({ store, snapshots }) => {
          const view = kind === 'contract' ? await replayContract(store, id, request, snapshots) : await replayPartnership(store, id, request, snapshots);
          if (!view) {
            process.stderr.write(`covenant replay: no ${kind} ${id} ${header('', '', request).trim()}\n`);
            process.exitCode = REPLAY_EXIT.notFound;
            return;
          }
          if (opts.json) return void process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
          const lines = [header(kind === 'contract' ? 'Contract' : 'Partnership', id, request), `version ${view.version}, updated ${view.updatedAt}`];
          if ('title' in view) {
            lines.push(`status ${view.status}; "${view.title}"; terms version ${view.termsVersion}, ${view.amendments} amendment(s)`);
            lines.push(`value ${view.value.amount} ${view.value.currency}; effective ${view.effectiveFrom}, expires ${view.expiresAt}`);
          } else {
            lines.push(`"${view.name}", stage ${view.stage}; parties ${view.parties.map((p) => p.name).join(', ')}; charter ${view.charter ? `v${view.charter.version}` : 'none'}`);
          }
          lines.push(`${view.eventsApplied.length} event(s) applied:`, ...view.eventsApplied.map(eventLine));
          process.stdout.write(`${lines.join('\n')}\n`);
        });
      });
  }
}
