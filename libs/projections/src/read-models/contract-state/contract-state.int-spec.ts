import { aDraftedContract, ACME, aSignedContract, GLOBEX, SLA_AVAILABILITY, SLA_P1_RESPONSE, T0 } from '@covenant/testing/builders';
import { runStory } from '@covenant/testing/domain-story';
import { appendHistory } from '@covenant/testing/history-generator';
import { ProjectionHarness } from '@covenant/testing/projection-harness';
import type { ReadModelSource } from '../../framework/read-model-source';
import { rebuild } from '../../framework/rebuild';
import { expectListWithinScope } from '../../framework/test-support/partnership-scope-laws';
import { contractStateProjection } from './contract-state.projection';
import { contractState, ContractListFilter, listContracts } from './contract-state.queries';
import { appendStreams, domainView, fold, readStream, replayAll } from './test-support/replay';

const MSA = 'msa-acme-globex';
const MSA_STREAM = `contract-${MSA}`;
const HISTORY = { seed: 7, partnerships: 3, contractsPerPartnership: 3, months: 6 };

describe.each(['sqlite', 'postgres'] as const)('contract state on %s', (engine) => {
  let h: ProjectionHarness;
  beforeEach(async () => {
    h = engine === 'sqlite' ? await ProjectionHarness.sqlite([contractStateProjection]) : await ProjectionHarness.postgres([contractStateProjection]);
  });
  afterEach(() => h.close());

  it('moves status as the domain does: draft until every party signed, then signed, active, exiting, closed', async () => {
    const msa = runStory().streams[MSA_STREAM];
    const source = await h.source();
    const step = async (from: number, to: number) => {
      await h.append(MSA_STREAM, msa.slice(from, to));
      const view = await contractState(source, MSA);
      expect(view).toEqual(domainView(fold(await readStream(h, MSA_STREAM))));
      return view;
    };
    expect(await step(0, 2)).toMatchObject({
      status: 'draft',
      kind: 'master',
      masterContractId: null,
      partnershipId: 'acme-globex',
      title: 'Master Services Agreement',
      parties: [ACME, GLOBEX],
      termsVersion: 1,
      slas: [SLA_AVAILABILITY, SLA_P1_RESPONSE],
      effectiveFrom: T0,
      expiresAt: '2028-01-06T09:00:00.000Z',
      activatedAt: null,
      endedAt: null,
      value: { amount: '1080000.00', currency: 'EUR' },
      autoRenew: true,
      signatures: [],
      amendments: 0,
      openEscalations: 0,
      version: 1,
    });
    // The revised draft's diff (notice period 60 -> 90) is in the terms now agreed.
    expect((await contractState(source, MSA))?.terms.noticePeriodDays).toBe(90);
    expect(await step(2, 3)).toMatchObject({ status: 'draft', signatures: [{ partyId: 'acme', signatoryName: 'Erin Exec', signedAt: '2024-12-27T09:00:00.000Z' }], version: 2 });
    expect(await step(3, 4)).toMatchObject({ status: 'signed', version: 3 });
    expect(await step(4, 5)).toMatchObject({ status: 'active', activatedAt: T0, version: 4 });
    // Through the first amendment (ch-1, the title), esc-1 raised and resolved, esc-2 raised.
    expect(await step(5, 20)).toMatchObject({ status: 'active', title: 'Master Services Agreement 2025', termsVersion: 2, amendments: 1, openEscalations: 1, version: 19 });
    expect(await step(20, 51)).toMatchObject({ status: 'exiting', endedAt: '2029-04-15T09:00:00.000Z', version: 50 });
    expect(await step(51, msa.length)).toMatchObject({
      status: 'closed',
      // ch-4's amendment (value), then one renewal by decision and one automatic: five terms versions.
      termsVersion: 5,
      amendments: 2,
      value: { amount: '1300000.00', currency: 'EUR' },
      expiresAt: '2030-01-05T09:00:00.000Z',
      endedAt: '2029-04-15T09:00:00.000Z',
      openEscalations: 1,
      version: 54,
    });
  });

  it('marks an addendum with its master and its end by expiry', async () => {
    await appendStreams(h, runStory().streams);
    const source = await h.source();
    expect(await contractState(source, 'addendum-analytics')).toMatchObject({
      kind: 'addendum',
      masterContractId: MSA,
      status: 'expired',
      endedAt: '2026-01-06T09:00:00.000Z',
      expiresAt: '2026-01-06T09:00:00.000Z',
      autoRenew: false,
      version: 6,
    });
    expect(await contractState(source, 'nope')).toBeNull();
    expect(await h.rows('rm_contract_parties', 'contract_id, party_id')).toEqual(
      ['addendum-analytics', 'addendum-logistics', MSA].flatMap((c) => [
        { contract_id: c, party_id: 'acme' },
        { contract_id: c, party_id: 'globex' },
      ]),
    );
  });

  it('equals the domain replay of every contract of a generated history, row by row', async () => {
    await appendStreams(h, runStory().streams);
    await appendHistory(h.store, HISTORY);
    const source = await h.source();
    const replayed = await replayAll(h);
    expect(replayed.size).toBe(12);
    for (const [contractId, r] of replayed) expect(await contractState(source, contractId)).toEqual(domainView(r));
  });

  it('gives the same rows when every event is applied twice', async () => {
    await appendStreams(h, runStory().streams);
    await appendHistory(h.store, HISTORY);
    const before = await h.snapshot();
    await h.reapplyEverything();
    expect(await h.snapshot()).toEqual(before);
    expect(before.rm_contracts).toHaveLength(12);
  });

  it('gives the same rows rebuilt from the log (into shadow tables, then swapped in) as kept inline', async () => {
    await appendStreams(h, runStory().streams);
    await appendHistory(h.store, HISTORY);
    const inline = await h.snapshot();
    expect(await rebuild(h.projector, h.projector.projections, { fresh: true })).toBeGreaterThan(2000);
    expect(await h.snapshot()).toEqual(inline);
  });

  describe('listing', () => {
    let source: ReadModelSource;
    const ids = async (filter: ContractListFilter, limit = 500) => (await listContracts(source, filter, { limit })).items.map((c) => c.contractId);
    beforeEach(async () => {
      await appendStreams(h, runStory().streams);
      await h.append('contract-draft-1', aDraftedContract({ contractId: 'draft-1' }));
      await h.append('contract-signed-1', aSignedContract({ contractId: 'signed-1' }));
      await appendHistory(h.store, HISTORY);
      source = await h.source();
    });

    it('filters by status (any of several), partnership, kind and party', async () => {
      expect(await ids({ statuses: ['draft', 'signed'] })).toEqual(['draft-1', 'signed-1']);
      expect(await ids({ statuses: ['closed', 'expired'] })).toEqual(['addendum-analytics', 'addendum-logistics', MSA]);
      expect(await ids({ partnershipId: 's7-p1' })).toEqual(['s7-p1-add1', 's7-p1-add2', 's7-p1-msa']);
      expect(await ids({ partnershipId: 'acme-globex', kind: 'addendum' })).toEqual(['addendum-analytics', 'addendum-logistics']);
      expect(await ids({ partyId: 'acme' })).toEqual(['addendum-analytics', 'addendum-logistics', 'draft-1', MSA, 'signed-1']);
      expect(await ids({ partyId: 's7-p2-prov', kind: 'master' })).toEqual(['s7-p2-msa']);
      expect(await ids({ partyId: 'nobody' })).toEqual([]);
    });

    it('finds contracts in force whose expiry falls within N days of now, and those with open escalations', async () => {
      // The s7-p0 contracts expire 2025-10-05, s7-p1 2025-10-14, s7-p2 2025-10-23 (all active).
      expect(await ids({ expiringWithinDays: 30, now: '2025-09-20T00:00:00Z' })).toEqual(['s7-p0-add1', 's7-p0-add2', 's7-p0-msa', 's7-p1-add1', 's7-p1-add2', 's7-p1-msa']);
      expect(await ids({ expiringWithinDays: 15, now: '2025-10-05T09:00:00.000Z' })).toEqual(['s7-p0-add1', 's7-p0-add2', 's7-p0-msa', 's7-p1-add1', 's7-p1-add2', 's7-p1-msa']);
      expect(await ids({ expiringWithinDays: 15, now: '2025-10-05T09:00:00.001Z' })).toEqual(['s7-p1-add1', 's7-p1-add2', 's7-p1-msa']);
      // The closed master "expires" in 2030 but is no longer in force; the signed one expires in 2028.
      expect(await ids({ expiringWithinDays: 3650, now: '2025-11-01T00:00:00.000Z' })).toEqual(['signed-1']);
      expect(await ids({ hasOpenEscalations: true })).toEqual([MSA]);
      expect(await ids({ hasOpenEscalations: false, partnershipId: 'acme-globex' })).toEqual(['addendum-analytics', 'addendum-logistics', 'draft-1', 'signed-1']);
    });

    it("keeps to the caller's partnerships: only their contracts, page by page; none for an empty scope or a partnership filter outside it", async () => {
      await expectListWithinScope((scope, page, partnershipId) => listContracts(source, { partnershipId }, page, scope), {
        key: (c) => c.contractId,
        partnershipOf: (c) => c.partnershipId,
        mine: 's7-p1',
        theirs: 'acme-globex',
        pageSize: 2,
        partnershipFilter: true,
      });
      // Every other filter applies within the scope.
      const scoped = async (filter: ContractListFilter, scope: readonly string[]) => (await listContracts(source, filter, { limit: 500 }, scope)).items.map((c) => c.contractId);
      expect(await scoped({ partyId: 'acme' }, ['s7-p1'])).toEqual([]);
      expect(await scoped({ partyId: 'acme' }, ['s7-p1', 'acme-globex'])).toEqual(await ids({ partyId: 'acme' }));
      expect(await scoped({ hasOpenEscalations: true }, ['s7-p1'])).toEqual([]);
      expect(await scoped({ expiringWithinDays: 30, now: '2025-09-20T00:00:00Z' }, ['s7-p1'])).toEqual(['s7-p1-add1', 's7-p1-add2', 's7-p1-msa']);
    });

    it('pages in contract-id order with an opaque cursor, every contract once, summaries without terms', async () => {
      const all = await ids({});
      expect(all).toHaveLength(14);
      expect(all).toEqual([...all].sort());
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await listContracts(source, {}, { limit: 4, cursor });
        seen.push(...page.items.map((c) => c.contractId));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor);
      expect(pages).toBe(4);
      expect(seen).toEqual(all);
      const [first] = (await listContracts(source, { partyId: 'acme' }, { limit: 1 })).items;
      const { terms: _terms, ...summary } = (await contractState(source, first.contractId))!;
      expect(first).toEqual(summary);
    });
  });
});
