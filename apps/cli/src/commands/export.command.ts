import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { loadConfig } from '@covenant/application/config/covenant-config';
import { openAuditLog } from '@covenant/application/audit/open-audit-log';
import { BundleError, exportBundle } from '@covenant/application/bundle/export-bundle';

const fail = (message: string, code: number): void => {
  process.stderr.write(`covenant export: ${message}\n`);
  process.exitCode = code;
};

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      'Write the evidence bundle of one stream: its events as CloudEvents 1.0, their inclusion proofs, the covering signed checkpoint ' +
        '(issued first if none covers the last event), the public key and an HTML timeline, in one JSON file (see README, "Auditor\'s toolkit"). Exits 1 for an unknown stream, 2 otherwise.',
    )
    .requiredOption('--stream <stream>', 'contract-<id> or partnership-<id>')
    .requiredOption('--out <file>', 'the bundle file to write')
    .action(async (opts: { stream: string; out: string }) => {
      const config = loadConfig();
      let opened;
      try {
        // Like the API on first start: exporting may have to sign a checkpoint.
        opened = await openAuditLog(config, { createKey: true });
      } catch (err) {
        return fail(`cannot open the ${config.store} store: ${(err as Error).message}`, 2);
      }
      try {
        const text = await exportBundle(opened.audit, opts.stream);
        writeFileSync(opts.out, text);
        const { events, checkpoint } = JSON.parse(text) as { events: unknown[]; checkpoint: { treeSize: number } };
        process.stdout.write(`Exported ${events.length} events of ${opts.stream} to ${opts.out} (checkpoint tree size ${checkpoint.treeSize}).\n`);
      } catch (err) {
        fail((err as Error).message, err instanceof BundleError && err.kind === 'not-found' ? 1 : 2);
      } finally {
        await opened.close();
      }
    });
}
