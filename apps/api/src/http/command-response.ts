import type { HttpReply as Response } from './http-types';
import type { CommandOutcome } from '@covenant/application/commands/command-gateway';

/** Writes a command's answer: status, `{ id, version }` and the stream version as the ETag. */
export function sendOutcome(res: Response, outcome: CommandOutcome): CommandOutcome['body'] {
  res.status(outcome.status);
  res.header('ETag', `"${outcome.body.version}"`);
  if (outcome.replayed) res.header('Idempotent-Replayed', 'true');
  return outcome.body;
}
