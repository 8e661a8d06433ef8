import { Command } from 'commander';
import { diffContractTerms } from '@covenant/application/replay/contract-diff';
import { instantOption, REPLAY_EXIT, withReplay } from './replay.command';

const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));

export function registerDiffCommand(program: Command): void {
  const diff = program.command('diff').description('Compare a stream at two instants.');
  diff
    .command('contract <id>')
    .description('Which terms changed between two business instants (as known now), as JSON Pointer changes, and by which events (position, type, change id). Exits 1 when there is no such contract.')
    .requiredOption('--from <instant>', 'the earlier instant (ISO-8601)')
    .requiredOption('--to <instant>', 'the later instant (ISO-8601)')
    .option('--json', 'print { contractId, from, to, termsAtFrom, termsAtTo, changes: [{ path, before?, after?, events }] }')
    .action(async (id: string, opts: { from: string; to: string; json?: boolean }) => {
      const from = instantOption('diff', '--from', opts.from);
      const to = instantOption('diff', '--to', opts.to);
      if (!from || !to) return;
      if (Date.parse(from) > Date.parse(to)) {
        process.stderr.write('covenant diff: --from must not be after --to\n');
        process.exitCode = REPLAY_EXIT.invalid;
        return;
      }
      await withReplay('diff', async ({ store }) => {
        const result = await diffContractTerms(store, id, from, to);
        if (!result) {
          process.stderr.write(`covenant diff: no contract ${id}\n`);
          process.exitCode = REPLAY_EXIT.notFound;
          return;
        }
        if (opts.json) return void process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        const lines = [`Contract ${id}: terms from ${from} to ${to} (as known now): ${result.changes.length} change(s)`];
        for (const c of result.changes) {
          lines.push(`${c.path}: ${show(c.before)} -> ${show(c.after)}`);
          for (const e of c.events) lines.push(`  by #${e.position} v${e.version} ${e.type} at ${e.occurredAt}${e.changeId ? ` (change ${e.changeId})` : ''}`);
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}
