import type { KeyObject } from 'node:crypto';
import type { EventStore } from '../event-store.port';
import { checkpointHash, signCheckpoint } from '../integrity/checkpoint';
import { treeRoot } from '../integrity/merkle-proofs';
import { CheckpointTable, type StoredCheckpoint } from './checkpoint-table';
import { MerkleNodeTable } from './merkle-node-table';

export interface IssueCheckpointDeps {
  store: Pick<EventStore, 'readAll' | 'headPosition'>;
  nodes: MerkleNodeTable;
  checkpoints: CheckpointTable;
  privateKey: KeyObject;
  now: () => Date;
}

export type IssueResult =
  | { issued: true; checkpoint: StoredCheckpoint }
  /** Nothing new since `latest`, or another process issued the next checkpoint first (`raced`). */
  | { issued: false; latest: StoredCheckpoint | null; raced: boolean };

/**
 * Extends the tree to the current head, then signs and stores a checkpoint chained to the latest.
 * Throws LogIntegrityError (nothing signed) when the log is not what it should be. Safe to run from
 * several processes: the loser of a race on the next seq writes nothing and says so.
 */
export async function issueCheckpoint(deps: IssueCheckpointDeps): Promise<IssueResult> {
  const latest = await deps.checkpoints.latest();
  const head = await deps.store.headPosition();
  if (head <= (latest?.treeSize ?? 0)) return { issued: false, latest, raced: false };
  await deps.nodes.extendTo(deps.store, head);
  const root = await treeRoot(deps.nodes, head);
  const signed = signCheckpoint(
    { treeSize: head, rootHash: root.toString('hex'), issuedAt: deps.now().toISOString(), previousCheckpointHash: latest ? checkpointHash(latest) : null },
    deps.privateKey,
  );
  const checkpoint: StoredCheckpoint = { seq: (latest?.seq ?? 0) + 1, ...signed };
  if (await deps.checkpoints.insert(checkpoint)) return { issued: true, checkpoint };
  return { issued: false, latest: await deps.checkpoints.latest(), raced: true };
}
