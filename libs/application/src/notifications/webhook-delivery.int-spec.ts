import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ContractCommand, contractStream, partnershipStream } from '@covenant/domain';
import { deadlinesProjection } from '@covenant/projections/read-models/deadlines/deadlines.projection';
import { anActiveMaster, aPartnershipWithCharter, at, contractContext, days, MSA_ID, PARTNERSHIP_ID, RECORDER, runContract } from '@covenant/testing/builders';
import { ProjectionHarness } from '@covenant/testing/projection-harness';
import { signature, verifySignature, WebhookDelivery } from './webhook-delivery';

const SECRET = 'webhook-secret-webhook-secret-0123456789';
const NOW = at(days(7) + 60_000);
const plus = (seconds: number): string => new Date(Date.parse(NOW) + seconds * 1000).toISOString();

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on a loopback port; `answer` decides each response's status. */
async function receiver(answer: (r: Received, count: number) => number): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      res.statusCode = answer(r, received.filter((x) => x.headers['x-covenant-delivery'] === r.headers['x-covenant-delivery']).length);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe.each(['sqlite', 'postgres'] as const)('notification webhooks on %s', (engine) => {
  let h: ProjectionHarness;
  let server: Awaited<ReturnType<typeof receiver>> | null = null;

  beforeEach(async () => {
    h = engine === 'sqlite' ? await ProjectionHarness.sqlite([deadlinesProjection]) : await ProjectionHarness.postgres([deadlinesProjection]);
    await h.append(partnershipStream(PARTNERSHIP_ID), aPartnershipWithCharter());
    const raise: ContractCommand = { type: 'RaiseEscalation', actorId: RECORDER, occurredAt: at(days(7)), escalationId: 'esc-1', subject: 'Invoices rejected twice' };
    // Alice and Bob (the operational team) must respond by the next day.
    await h.append(contractStream(MSA_ID), runContract([raise], contractContext(), anActiveMaster()));
  });
  afterEach(async () => {
    await server?.close();
    server = null;
    await h.close();
  });

  const webhook = (url: string, maxAttempts = 3) => new WebhookDelivery(h.db, { url, secret: SECRET, maxAttempts, backoffSeconds: 1 });
  const people = (r: Received[]) => r.map((x) => (JSON.parse(x.body) as { personId: string }).personId).sort();

  it('POSTs each new notification once as signed JSON; the signature verifies over timestamp and body, and fails for another secret or body', async () => {
    server = await receiver(() => 204);
    const w = webhook(server.url);
    const report = await w.run(NOW);
    expect(report.enqueued).toBe(2);
    expect(report.delivered).toHaveLength(2);
    expect(people(server.received)).toEqual(['alice', 'bob']);
    for (const r of server.received) {
      const header = String(r.headers['x-covenant-signature']);
      expect(header).toBe(signature(SECRET, r.body, Math.floor(Date.parse(NOW) / 1000)));
      expect(verifySignature(SECRET, r.body, header)).toBe(true);
      expect(verifySignature('another-secret-another-secret-0123456789', r.body, header)).toBe(false);
      expect(verifySignature(SECRET, r.body.replace('alice', 'mallory').replace('bob', 'mallory'), header)).toBe(false);
      expect(r.headers['content-type']).toBe('application/json');
      expect(JSON.parse(r.body)).toMatchObject({ type: 'notification.created', kind: 'escalation-response', contractId: MSA_ID, link: '/escalations/esc-1', deadline: at(days(8)) });
    }
    // Nothing new: nothing sent again, even much later.
    expect(await w.run(plus(3600))).toEqual({ enqueued: 0, delivered: [], retried: [], dead: [] });
    expect(server.received).toHaveLength(2);
  });

  it('a 500 is retried after the back-off (not before), then delivered', async () => {
    server = await receiver((_, count) => (count === 1 ? 500 : 200));
    const w = webhook(server.url);
    expect((await w.run(NOW)).retried).toHaveLength(2);
    expect((await w.run(plus(0.999))).delivered).toEqual([]);
    expect((await w.run(plus(1))).delivered).toHaveLength(2);
    expect(server.received.map((r) => r.headers['x-covenant-attempt'])).toEqual(['1', '1', '2', '2']);
    expect(await w.deadLetters()).toEqual([]);
  });

  it('a receiver that always fails: retries back off exponentially, then the deliveries are dead letters; a requeued one is delivered', async () => {
    let failing = true;
    server = await receiver(() => (failing ? 500 : 200));
    const w = webhook(server.url, 3);
    expect((await w.run(NOW)).retried).toHaveLength(2);
    expect((await w.run(plus(1))).retried).toHaveLength(2);
    // The second retry waits 2 s more (1 s × 2¹).
    expect((await w.run(plus(2.999))).dead).toEqual([]);
    expect((await w.run(plus(3))).dead).toHaveLength(2);
    expect(server.received).toHaveLength(6);
    const dead = await w.deadLetters();
    expect(dead.map((d) => [d.attempts, d.lastError, (d.payload as { personId: string }).personId])).toEqual([
      [3, 'HTTP 500', 'alice'],
      [3, 'HTTP 500', 'bob'],
    ]);
    expect(await w.run(plus(3600))).toEqual({ enqueued: 0, delivered: [], retried: [], dead: [] });
    failing = false;
    expect(await w.requeue(dead[0].notificationId, plus(3600))).toBe(true);
    expect(await w.requeue('no-such-notification', plus(3600))).toBe(false);
    expect((await w.run(plus(3600))).delivered).toEqual([dead[0].notificationId]);
    expect((await w.deadLetters()).map((d) => d.notificationId)).toEqual([dead[1].notificationId]);
  });

  it('off by default: without a URL nothing is queued or sent', async () => {
    server = await receiver(() => 200);
    const off = new WebhookDelivery(h.db, null);
    expect(off.enabled).toBe(false);
    expect(await off.run(NOW)).toEqual({ enqueued: 0, delivered: [], retried: [], dead: [] });
    expect(server.received).toEqual([]);
  });
});
