import { ENGINES } from '../../../../test/e2e/app-fixture';
import { RECORDER, withActiveMaster } from './test-support/contract-http';

describe.each(ENGINES)('GET /contracts/{id}/history on %s', (engine) => {
  const env = withActiveMaster(engine, 'msa-history');

  it('lists every event of the contract in chain order, visible right after the command answered', async () => {
    const res = await env.c.http().get('/contracts/msa-history/history').set('Authorization', env.c.as(RECORDER)).expect(200);
    expect(res.body.items.map((e: { type: string }) => e.type)).toEqual(['ContractDrafted', 'ContractSigned', 'ContractSigned', 'ContractActivated']);
    expect(res.body.items.map((e: { version: number }) => e.version)).toEqual([0, 1, 2, 3]);
    expect(res.body.items[1].prevHash).toBe(res.body.items[0].hash);
    expect(res.body.items[0]).toMatchObject({ streamId: 'contract-msa-history', actorId: RECORDER, occurredAt: expect.any(String), recordedAt: expect.any(String) });
    expect(res.body.nextCursor).toBeNull();
  });

  it('pages with an opaque cursor and filters by type', async () => {
    const first = await env.c.http().get('/contracts/msa-history/history?limit=3').set('Authorization', env.c.as(RECORDER)).expect(200);
    expect(first.body.items).toHaveLength(3);
    const second = await env.c.http().get(`/contracts/msa-history/history?limit=3&cursor=${first.body.nextCursor}`).set('Authorization', env.c.as(RECORDER)).expect(200);
    expect(second.body.items.map((e: { type: string }) => e.type)).toEqual(['ContractActivated']);
    const signed = await env.c.http().get('/contracts/msa-history/history?types=ContractSigned').set('Authorization', env.c.as(RECORDER)).expect(200);
    expect(signed.body.items).toHaveLength(2);
  });

  it('answers a forged cursor or a bad limit with a 400 naming the field', async () => {
    const forged = await env.c.http().get('/contracts/msa-history/history?cursor=bm90LWEtY3Vyc29y').set('Authorization', env.c.as(RECORDER)).expect(400);
    expect(forged.body).toMatchObject({ code: 'REQUEST.INVALID_CURSOR', errors: [{ field: 'cursor' }] });
    const limit = await env.c.http().get('/contracts/msa-history/history?limit=501').set('Authorization', env.c.as(RECORDER)).expect(400);
    expect(limit.body.errors[0].field).toBe('limit');
  });
});
