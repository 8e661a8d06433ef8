import type { Response } from 'express';
import type { CommandOutcome } from '@covenant/application/commands/command-gateway';

/** Writes a command's answer: status, `{ id, version }` and the stream version as the ETag. */
export function sendOutcome(res: Response, outcome: CommandOutcome): CommandOutcome['body'] {
  res.status(outcome.status);
  res.setHeader('ETag', `"${outcome.body.version}"`);
  if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return outcome.body;
}
