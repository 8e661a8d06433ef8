import { ENGINES } from '../../../../test/e2e/app-fixture';
import { d, PARTNERSHIP_ID, RECORDER, withActiveMaster } from '../contracts/test-support/contract-http';

describe.each(ENGINES)('the access log of history reads on %s', (engine) => {
  const env = withActiveMaster(engine, 'msa-access');

  it('records every audit-trail, replay, timeline and export read with the reader from the token, the query, newest first; auditors and admins read it, others may not', async () => {
    const http = () => env.t.anonymous();
    const auditor = env.t.bearer({ sub: 'aude.auditor', role: 'auditor' });
    const mediator = env.t.bearer({ sub: 'mia.mediator', role: 'mediator', partnerships: [PARTNERSHIP_ID] });
    const committee = env.t.bearer({ sub: 'carol', role: 'committee', partnerships: [PARTNERSHIP_ID] });
    const before = await env.head();
    await http().get('/contracts/msa-access').set('Authorization', committee).expect(200); // current state: not a read of history
    await http().get('/contracts/msa-access/history?limit=2').set('Authorization', auditor).expect(200);
    await http().get(`/contracts/msa-access?asOf=${encodeURIComponent(d(-5))}`).set('Authorization', auditor).expect(200);
    await http().get(`/partnerships/${PARTNERSHIP_ID}/timeline`).set('Authorization', mediator).expect(200);
    await http().get('/audit/export?stream=contract-msa-access').set('Authorization', auditor).expect(200);
    // Refused reads are not served, so not recorded.
    await http().get('/partnerships/p-elsewhere/timeline').set('Authorization', mediator).expect(403);
    expect(await env.head()).toBe(before + 4);

    const all = await http().get('/audit/access-log').set('Authorization', auditor).expect(200);
    expect(all.body.items.map((e: { actorId: string; action: string; resource: string }) => [e.actorId, e.action, e.resource])).toEqual([
      ['aude.auditor', 'export', 'contract-msa-access'],
      ['mia.mediator', 'timeline', `partnership-${PARTNERSHIP_ID}`],
      ['aude.auditor', 'replay', 'contract-msa-access'],
      ['aude.auditor', 'history', 'contract-msa-access'],
    ]);
    expect(all.body.items[2].query).toEqual({ asOf: d(-5) });
    const mine = await env.c.http().get('/audit/access-log?actorId=aude.auditor&action=replay').expect(200);
    expect(mine.body.items).toHaveLength(1);
    for (const token of [mediator, committee, env.t.bearer({ sub: RECORDER, role: 'contract-manager', partnerships: [PARTNERSHIP_ID] })]) {
      await http().get('/audit/access-log').set('Authorization', token).expect(403);
    }
  });

  it('keeps the records in the hash-chained log as HistoryRead events of the access-log stream', async () => {
    const res = await env.c.http().get('/events?categories=access').expect(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(3);
    expect(res.body.items[0]).toMatchObject({ streamId: 'access-log', type: 'HistoryRead', metadata: { actorId: 'aude.auditor' } });
    expect(res.body.items[1].prevHash).toBe(res.body.items[0].hash);
  });

  it('answers a bad filter with a 400 naming the field and records nothing', async () => {
    const before = await env.head();
    const res = await env.c.http().get('/audit/access-log?action=peek').expect(400);
    expect(res.body.errors[0].field).toBe('action');
    expect(await env.head()).toBe(before);
  });
});
