import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { Command } from 'commander';
import { formatReport } from '@covenant/event-store';
import { loadConfig } from '@covenant/application/config/covenant-config';
import { openAuditLog } from '@covenant/application/audit/open-audit-log';
import { publicKeyFromPem } from '@covenant/application/audit/signing-key';

/** Exit codes of `covenant verify`, for scripts and CI. */
export const VERIFY_EXIT = { intact: 0, tampered: 1, cannotVerify: 2 } as const;

const fail = (message: string): void => {
  process.stderr.write(`covenant verify: ${message}\n`);
  process.exitCode = VERIFY_EXIT.cannotVerify;
};

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description(
      'Recompute every event hash, chain link and position and every checkpoint (signature, chain, Merkle root) from the store. ' +
        'Prints "OK <n> events, <m> checkpoints" and exits 0, or the first bad position and its reason and exits 1; exits 2 when it cannot verify.',
    )
    .option('--json', 'print the report as JSON: { ok, events, checkpoints, failure: { position, reason, detail, checkpointTreeSize? } | null }')
    .option('--public-key <file>', 'check checkpoint signatures with this Ed25519 public key (SPKI PEM, as GET /audit/public-key serves it) instead of the configured key')
    .action(async (opts: { json?: boolean; publicKey?: string }) => {
      const config = loadConfig();
      let publicKey: KeyObject | undefined;
      if (opts.publicKey !== undefined) {
        try {
          publicKey = publicKeyFromPem(readFileSync(opts.publicKey, 'utf8'));
        } catch (err) {
          return fail(`--public-key ${opts.publicKey}: ${(err as Error).message}`);
        }
      }
      let opened;
      try {
        // Never creates a key: a verifier checks against the key that signed, or reports it missing.
        opened = await openAuditLog(config, { createKey: false });
      } catch (err) {
        return fail(`cannot open the ${config.store} store: ${(err as Error).message}`);
      }
      try {
        const report = await opened.audit.verify(publicKey);
        process.stdout.write(`${opts.json ? JSON.stringify(report, null, 2) : formatReport(report)}\n`);
        process.exitCode = report.ok ? VERIFY_EXIT.intact : VERIFY_EXIT.tampered;
      } catch (err) {
        fail((err as Error).message);
      } finally {
        await opened.close();
      }
    });
}
