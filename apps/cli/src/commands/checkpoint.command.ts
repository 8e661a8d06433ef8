import { Command } from 'commander';
import { LogIntegrityError } from '@covenant/event-store';
import { loadConfig } from '@covenant/application/config/covenant-config';
import { openAuditLog } from '@covenant/application/audit/open-audit-log';

const fail = (message: string, code: number): void => {
  process.stderr.write(`covenant checkpoint: ${message}\n`);
  process.exitCode = code;
};

/**
 * `covenant checkpoint`: issues a signed checkpoint of the whole log now, as the API's checkpointer
 * does on its schedule (same tables, same key: generated into the data dir if this is the first start).
 */
export function registerCheckpointCommand(program: Command): void {
  program
    .command('checkpoint')
    .description('Sign a checkpoint (Merkle root) of the whole event log now, unless no event is new since the latest; exits 1 if the log fails its checks (nothing signed)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      const config = loadConfig();
      let opened;
      try {
        opened = await openAuditLog(config, { createKey: true });
      } catch (err) {
        return fail(`cannot open the ${config.store} store: ${(err as Error).message}`, 2);
      }
      try {
        const result = await opened.audit.issueCheckpoint();
        const out = (line: string) => process.stdout.write(`${line}\n`);
        if (opts.json) out(JSON.stringify(result, null, 2));
        else if (result.issued) out(`Checkpoint ${result.checkpoint.seq} issued: tree size ${result.checkpoint.treeSize}, root ${result.checkpoint.rootHash}`);
        else if (result.raced) out(`Another process issued the next checkpoint first (tree size ${result.latest?.treeSize}); nothing written.`);
        else out(result.latest ? `No new events: checkpoint ${result.latest.seq} already covers all ${result.latest.treeSize}.` : 'The log is empty: nothing to sign.');
      } catch (err) {
        if (err instanceof LogIntegrityError) fail(`refusing to sign: position ${err.position}: ${err.reason} (${err.message})`, 1);
        else fail((err as Error).message, 2);
      } finally {
        await opened.close();
      }
    });
}
