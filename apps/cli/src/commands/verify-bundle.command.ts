import { readFileSync } from 'node:fs';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { Command } from 'commander';
import { verifyBundle } from '@covenant/event-store/bundle/verify-bundle';

/** Offline: reads only the bundle (and the pinned key); opens no store and no configuration. */
export function registerVerifyBundleCommand(program: Command): void {
  program
    .command('verify-bundle <file>')
    .description('Check an evidence bundle offline, with no database: event hashes, the hash chain, inclusion proofs, the checkpoint signature. Prints OK and exits 0, or the first failure and exits 1 (2 when the files cannot be read).')
    .option('--public-key <file>', 'the Ed25519 public key (SPKI PEM) the checkpoint must be signed with')
    .action((file: string, opts: { publicKey?: string }) => {
      let text: string;
      let pinned: KeyObject | undefined;
      try {
        text = readFileSync(file, 'utf8');
        if (opts.publicKey !== undefined) pinned = createPublicKey(readFileSync(opts.publicKey, 'utf8'));
      } catch (err) {
        process.stderr.write(`covenant verify-bundle: ${(err as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      const result = verifyBundle(text, pinned);
      if (result.ok) {
        process.stdout.write(`OK ${result.events} events, checkpoint tree size ${result.treeSize}\n`);
      } else {
        process.stdout.write(`FAILED: ${result.failure}\n`);
        process.exitCode = 1;
      }
    });
}
