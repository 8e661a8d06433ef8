/**
 * A shared, seedable generator of realistic event histories for benchmarks: partnerships with a charter
 * and members of every tier, a master agreement and addenda (signed and activated), months of daily SLA
 * measurements with breaches, credits and waivers, escalations (resolved or moved up by the
 * scheduler's EscalateOverdue ticks), amendments through change requests (some over the 15 % cost
 * threshold, with collaborative reviews), occasional disputes, quarterly reviews with health
 * assessments and renewal windows. Every command goes through the real deciders with the context the
 * command gateway would load, so every history is valid by construction; a command the domain refuses
 * (a DomainError) is simply not part of the history.
 *
 * Memory is flat: a few partnerships are simulated at a time (their streams' states and a small agenda
 * of pending actions) and events are yielded as they are decided, never collected.
 */
import { SLA_AVAILABILITY, SLA_P1_RESPONSE } from '@covenant/application/demo/demo-slas';
import {
  addendumView,
  ContractCommand,
  ContractDecisionContext,
  contractDecider,
  ContractEvent,
  ContractState,
  contractStream,
  ContractTerms,
  defaultContractTerms,
  DomainError,
  getBreach,
  GovernanceView,
  governanceView,
  masterView,
  money,
  PartnershipCommand,
  partnershipDecider,
  PartnershipEvent,
  PartnershipState,
  partnershipStream,
} from '@covenant/domain';
import { EventStore, NewEvent } from '@covenant/event-store';
import { T0 } from './builders';
import { Prng, prng } from '@covenant/application/demo/prng';

export interface HistoryOptions {
  /** Same seed, same history (default 1). */
  seed?: number;
  /** Partnerships to generate (default 3; unbounded when only targetEvents is given). */
  partnerships?: number;
  /** Contracts per partnership: one master and the rest addenda (default 3). */
  contractsPerPartnership?: number;
  /** Months of operation after the master's activation (default 12). */
  months?: number;
  /** Stop at the first command boundary at or after this many events. */
  targetEvents?: number;
  /** When the first partnership's master takes effect (default T0 of the builders). */
  start?: string;
  /** Partnerships simulated side by side and merged in time order (default 8). */
  concurrency?: number;
}

export type HistoryEvent = PartnershipEvent | ContractEvent;

export interface GeneratedEvent {
  streamId: string;
  event: HistoryEvent;
  /** When the fact happened (the event's own date, or its command's). */
  occurredAt: string;
  actorId: string;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const SCHEDULER = 'system:scheduler';
const iso = (ms: number): string => new Date(ms).toISOString();
const cents = (n: number): string => (Math.round(n) / 100).toFixed(2);
const EUR = (c: number) => money(cents(c), 'EUR');

const CUSTOMERS = ['Acme', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne', 'Soylent', 'Hooli'];
const PROVIDERS = ['Globex', 'Vandelay', 'Massive Dynamic', 'Aperture', 'Oscorp', 'Gringotts', 'Nakatomi', 'Pied Piper'];
const FIRST = ['Alice', 'Bob', 'Carol', 'Dave', 'Erin', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy', 'Mallory', 'Niaj', 'Olivia', 'Peggy', 'Rupert', 'Sybil', 'Trent', 'Victor', 'Walter'];
const LAST = ['Martin', 'Nguyen', 'Schmidt', 'Okafor', 'Lindqvist', 'Moreau', 'Rossi', 'Tanaka', 'Kowalski', 'Silva', 'Haddad', 'Novak'];
const TIERS = ['operational', 'steering', 'executive'] as const;
type Tier = (typeof TIERS)[number];


interface Person {
  personId: string;
  name: string;
  partyId: string;
  tier: Tier;
}

/** A command for one stream, decided when its time comes (undefined: nothing to do any more). */
type Action = () => { kind: 'partnership'; command: PartnershipCommand } | { kind: 'contract'; contractId: string; command: ContractCommand } | undefined;

interface Scheduled {
  at: number;
  seq: number;
  action: Action;
}

/** A command's events, all on one stream: the unit the merge and the target work with. */
interface Batch {
  at: number;
  events: GeneratedEvent[];
}

const timeOf = (c: { occurredAt?: string; now?: string }): string => (c.occurredAt ?? c.now) as string;

/** One partnership's whole history, batch by batch in time order. */
function* partnershipHistory(index: number, seed: number, contractsPerPartnership: number, months: number, startMs: number): Generator<Batch> {
  const rnd: Prng = prng((seed * 0x9e3779b1 + index * 0x85ebca6b) >>> 0);
  const id = `s${seed}-p${index}`;
  const customer = { partyId: `${id}-cust`, name: `${rnd.pick(CUSTOMERS)} ${index}` };
  const provider = { partyId: `${id}-prov`, name: `${rnd.pick(PROVIDERS)} ${index}` };
  const people: Person[] = [];
  for (const tier of TIERS) {
    for (const party of [customer, provider]) {
      const count = tier === 'operational' ? 2 : 1;
      for (let k = 0; k < count; k++) {
        people.push({ personId: `${id}-${tier.slice(0, 3)}-${party === customer ? 'c' : 'p'}${k}`, name: `${rnd.pick(FIRST)} ${rnd.pick(LAST)}`, partyId: party.partyId, tier });
      }
    }
  }
  const of = (tier: Tier): Person => rnd.pick(people.filter((p) => p.tier === tier));
  const recorder = `${id}-contracts-desk`;

  // ---------------------------------------------------------------- per-stream state only
  let pState: PartnershipState = partnershipDecider.initialState;
  let governance: GovernanceView = { partnershipId: '', parties: [], charterAdopted: false, memberships: [] };
  const masterId = `${id}-msa`;
  const contractIds = [masterId, ...Array.from({ length: Math.max(0, contractsPerPartnership - 1) }, (_, k) => `${id}-add${k + 1}`)];
  const states = new Map<string, ContractState>(contractIds.map((c) => [c, contractDecider.initialState]));
  const lastAt = new Map<string, number>();
  const pStreamId = partnershipStream(id);

  const agenda: Scheduled[] = [];
  let seq = 0;
  const schedule = (at: number, action: Action): void => {
    const item = { at, seq: seq++, action };
    let i = agenda.length;
    while (i > 0 && (agenda[i - 1].at > at || (agenda[i - 1].at === at && agenda[i - 1].seq > item.seq))) i--;
    agenda.splice(i, 0, item);
  };
  const contractContext = (contractId: string, command: ContractCommand): ContractDecisionContext => {
    const context: ContractDecisionContext = { governance };
    if (contractId !== masterId) {
      const master = states.get(masterId) as ContractState;
      if (master.status !== 'none') context.master = masterView(master);
    } else if (command.type === 'ApproveChange') {
      context.addenda = contractIds
        .slice(1)
        .map((c) => states.get(c) as ContractState)
        .filter((s) => s.status !== 'none')
        .map(addendumView);
    }
    return context;
  };

  /** Decides one action; a refusal by the domain is not part of the history. */
  const run = (action: Action): Batch | undefined => {
    const step = action();
    if (!step) return undefined;
    const at = timeOf(step.command);
    const streamId = step.kind === 'partnership' ? pStreamId : contractStream(step.contractId);
    let decided: HistoryEvent[];
    try {
      if (step.kind === 'partnership') {
        decided = partnershipDecider.decide(step.command, pState);
      } else {
        decided = contractDecider.decide(step.command, states.get(step.contractId) as ContractState, contractContext(step.contractId, step.command));
      }
    } catch (err) {
      if (err instanceof DomainError) return undefined;
      throw err;
    }
    if (decided.length === 0) return undefined;
    const events: GeneratedEvent[] = [];
    let last = lastAt.get(streamId) ?? 0;
    for (const e of decided) {
      const dated = e.occurredAt === undefined ? { ...e, occurredAt: at } : e;
      if (step.kind === 'partnership') {
        pState = partnershipDecider.evolve(pState, dated as PartnershipEvent);
      } else {
        states.set(step.contractId, contractDecider.evolve(states.get(step.contractId) as ContractState, dated as ContractEvent));
      }
      // Automatic moves are dated at their deadline; never before what the stream already holds.
      last = Math.max(last, Date.parse(dated.occurredAt as string));
      events.push({ streamId, event: dated, occurredAt: iso(last), actorId: step.command.actorId });
    }
    lastAt.set(streamId, last);
    if (step.kind === 'partnership') governance = governanceView(pState);
    return { at: Date.parse(at), events };
  };

  const p = (command: PartnershipCommand): Action => () => ({ kind: 'partnership', command });
  const c = (contractId: string, command: ContractCommand | (() => ContractCommand | undefined)): Action => () => {
    const cmd = typeof command === 'function' ? command() : command;
    return cmd === undefined ? undefined : { kind: 'contract', contractId, command: cmd };
  };
  const live = (contractId: string) => {
    const s = states.get(contractId) as ContractState;
    return s.status === 'none' ? undefined : s;
  };

  // ---------------------------------------------------------------- the partnership and its charter
  const t0 = startMs;
  const d = (days: number, hh = 9, mm = 0): number => t0 + days * DAY + (hh - 9) * HOUR + mm * 60_000;
  const horizonDays = Math.max(1, Math.round(months * 30.4));
  const r = { actorId: recorder };
  schedule(d(-35), p({ ...r, type: 'FormPartnership', occurredAt: iso(d(-35)), partnershipId: id, name: `${customer.name} × ${provider.name}`, parties: [customer, provider] }));
  schedule(d(-34), p({ ...r, type: 'AdoptGovernanceCharter', occurredAt: iso(d(-34)), businessReviewCadenceDays: 90 }));
  for (const person of people) schedule(d(-33), p({ ...r, type: 'AppointGovernanceMember', occurredAt: iso(d(-33)), ...person }));

  // ---------------------------------------------------------------- the master and its addenda
  const fee = rnd.int(20_000, 150_000) * 100;
  const termDays = horizonDays + 90; // the renewal window (120 days before expiry) opens inside the horizon
  const masterTerms: ContractTerms = {
    ...defaultContractTerms({ title: `${customer.name} managed services agreement`, parties: [customer, provider], effectiveFrom: iso(t0), termDays, value: EUR(fee * Math.ceil(termDays / 30)), monthlyBaseFee: EUR(fee) }),
    slas: [SLA_AVAILABILITY, SLA_P1_RESPONSE],
  };
  const signers = { c: people.find((x) => x.tier === 'executive' && x.partyId === customer.partyId) as Person, p: people.find((x) => x.tier === 'executive' && x.partyId === provider.partyId) as Person };
  contractIds.forEach((contractId, k) => {
    const isMaster = k === 0;
    const startDay = isMaster ? 0 : Math.min(horizonDays - 1, rnd.int(7, Math.max(8, Math.floor(horizonDays / 3))));
    const addFee = rnd.int(5_000, 30_000) * 100;
    const terms: ContractTerms = isMaster
      ? masterTerms
      : {
          ...defaultContractTerms({ title: `Addendum ${k}`, parties: [customer, provider], effectiveFrom: iso(d(startDay, 0)), value: EUR(addFee * 12), monthlyBaseFee: EUR(addFee) }),
          expiresAt: masterTerms.expiresAt,
          slas: [SLA_AVAILABILITY],
        };
    schedule(d(startDay - 30), c(contractId, { ...r, type: 'DraftContract', occurredAt: iso(d(startDay - 30)), contractId, partnershipId: id, terms, ...(isMaster ? {} : { masterContractId: masterId }) }));
    schedule(d(startDay - 12, 15), c(contractId, { ...r, type: 'SignContract', occurredAt: iso(d(startDay - 12, 15)), partyId: customer.partyId, signatoryName: signers.c.name }));
    schedule(d(startDay - 11, 11), c(contractId, { ...r, type: 'SignContract', occurredAt: iso(d(startDay - 11, 11)), partyId: provider.partyId, signatoryName: signers.p.name }));
    schedule(Date.parse(terms.effectiveFrom), c(contractId, { type: 'ActivateIfDue', actorId: SCHEDULER, now: terms.effectiveFrom }));
  });
  schedule(d(1), p({ type: 'ChangePartnershipStage', actorId: signers.c.personId, occurredAt: iso(d(1)), stage: 'operating', reason: 'Master agreement in force' }));

  // ---------------------------------------------------------------- the routine of one contract day
  const breachIds = new Map<string, string[]>(contractIds.map((x) => [x, []]));
  const dayRoutine = (day: number): void => {
    for (const contractId of contractIds) {
      const s = live(contractId);
      if (!s || s.status !== 'active' || s.activatedAt === null || Date.parse(s.activatedAt) > d(day, 6)) continue;
      const date = iso(d(day)).slice(0, 10);
      // Daily availability; about one day in thirty below target.
      const breach = rnd.chance(0.035);
      const value = breach ? (99.2 + rnd.next() * 0.69).toFixed(3) : (99.9 + rnd.next() * 0.1).toFixed(3);
      const measurementId = `${contractId}-availability-${date}`;
      schedule(d(day, 6), c(contractId, { ...r, type: 'RecordSlaMeasurement', occurredAt: iso(d(day, 6)), measurementId, slaId: 'availability', value }));
      if (breach) {
        (breachIds.get(contractId) as string[]).push(measurementId);
        // One credit in eight is waived by the steering committee.
        if (rnd.chance(0.125)) {
          const waiver = of('steering');
          schedule(d(day + 2, 11), c(contractId, () => {
            const b = getBreach((live(contractId) as Exclude<ContractState, { status: 'none' }>).sla, measurementId);
            return b && b.credit !== null && !b.waived && b.credit.amount !== '0.00'
              ? { type: 'WaiveServiceCredit', actorId: waiver.personId, occurredAt: iso(d(day + 2, 11)), breachId: measurementId, reason: 'Root cause on the customer side' }
              : undefined;
          }));
        }
      }
      if (contractId === masterId && day % 7 === 6) {
        const p95 = rnd.chance(0.06) ? String(rnd.int(31, 90)) : String(rnd.int(8, 28));
        schedule(d(day, 7), c(contractId, { ...r, type: 'RecordSlaMeasurement', occurredAt: iso(d(day, 7)), measurementId: `${contractId}-p1-response-${date}`, slaId: 'p1-response', value: p95 }));
      }
      // Escalations: resolved at level 1, or left to the scheduler and resolved higher up.
      if (rnd.chance(0.02)) {
        const escalationId = `${contractId}-esc-${date}`;
        const raisedAt = d(day, 13);
        const related = (breachIds.get(contractId) as string[]).at(-1);
        schedule(raisedAt, c(contractId, {
          ...r,
          type: 'RaiseEscalation',
          occurredAt: iso(raisedAt),
          escalationId,
          subject: related ? `Repeated availability breaches (${related})` : 'Invoice disputes piling up',
          ...(related ? { relatesTo: { kind: 'sla-breach' as const, id: related } } : {}),
        }));
        const open = (): boolean => live(contractId)?.escalations[escalationId]?.status === 'open';
        if (rnd.chance(0.55)) {
          const by = of('operational');
          const at = raisedAt + rnd.int(2, 20) * HOUR;
          schedule(at, c(contractId, () => (open() ? { type: 'ResolveEscalation', actorId: by.personId, occurredAt: iso(at), escalationId, resolution: 'Fixed by the operations team' } : undefined)));
        } else {
          const tick1 = raisedAt + 24 * HOUR + 30 * 60_000;
          schedule(tick1, c(contractId, { type: 'EscalateOverdue', actorId: SCHEDULER, now: iso(tick1) }));
          if (rnd.chance(0.7)) {
            const by = of('steering');
            const at = tick1 + rnd.int(4, 60) * HOUR;
            schedule(at, c(contractId, () => (open() ? { type: 'ResolveEscalation', actorId: by.personId, occurredAt: iso(at), escalationId, resolution: 'Agreed by the steering committee' } : undefined)));
          } else {
            const tick2 = tick1 + 72 * HOUR + 30 * 60_000;
            schedule(tick2, c(contractId, { type: 'EscalateOverdue', actorId: SCHEDULER, now: iso(tick2) }));
            const by = of('executive');
            const at = tick2 + rnd.int(4, 96) * HOUR;
            schedule(at, c(contractId, () => (open() ? { type: 'ResolveEscalation', actorId: by.personId, occurredAt: iso(at), escalationId, resolution: 'Settled by the executive sponsors' } : undefined)));
          }
        }
      }
      // Amendments: about one a month per contract, one in three over the cost threshold.
      if (rnd.chance(1 / 30)) {
        const changeId = `${contractId}-ch-${date}`;
        const big = rnd.chance(0.35);
        const pct = big ? rnd.int(16, 30) : rnd.int(1, 10);
        const requestedAt = d(day, 10);
        let requestedValue = 0;
        schedule(requestedAt, c(contractId, () => {
          const cur = live(contractId);
          if (!cur) return undefined;
          const valueCents = Math.round(Number(cur.terms.value.amount) * 100);
          const feeCents = Math.round(Number(cur.terms.incentives.monthlyBaseFee.amount) * 100);
          const cost = Math.round((valueCents * pct) / 100);
          requestedValue = valueCents + cost;
          return {
            ...r,
            type: 'RequestChange',
            occurredAt: iso(requestedAt),
            changeId,
            title: big ? 'Extend support to a new region' : 'Adjust service scope',
            rationale: big ? 'New offices need the same response times' : 'Small scope adjustment agreed at the operational meeting',
            proposedLevel: 'minor',
            costImpact: EUR(cost),
            proposedTerms: { value: EUR(requestedValue), incentives: { ...cur.terms.incentives, monthlyBaseFee: EUR(Math.round((feeCents * (100 + pct)) / 100)) } },
          };
        }));
        const status = () => live(contractId)?.changes[changeId]?.status;
        let approveAt = requestedAt + rnd.int(1, 4) * DAY;
        if (big) {
          const concludeAt = requestedAt + rnd.int(3, 10) * DAY;
          const by = of('steering');
          const consensus = rnd.chance(0.85);
          schedule(concludeAt, c(contractId, () =>
            status() === 'in-review'
              ? { type: 'ConcludeCollaborativeReview', actorId: by.personId, occurredAt: iso(concludeAt), changeId, outcome: consensus ? 'consensus' : 'no-consensus', summary: consensus ? 'Staffing plan and price agreed' : 'Cost split disputed' }
              : undefined,
          ));
          approveAt = concludeAt + rnd.int(1, 3) * DAY;
        }
        const approver = of('executive');
        schedule(approveAt, c(contractId, () => {
          const st = status();
          if (st === 'requested' || st === 'review-agreed') return { type: 'ApproveChange', actorId: approver.personId, occurredAt: iso(approveAt), changeId };
          if (st === 'review-failed') return { type: 'RejectChange', actorId: approver.personId, occurredAt: iso(approveAt), changeId, reason: 'No consensus in the review' };
          return undefined;
        }));
      }
      // Disputes: rare; settled in negotiation or between the relationship managers.
      if (rnd.chance(1 / 300)) {
        const disputeId = `${contractId}-dispute-${date}`;
        const raiser = of('operational');
        const respondent = raiser.partyId === customer.partyId ? provider.partyId : customer.partyId;
        const openedAt = d(day, 11);
        schedule(openedAt, c(contractId, { type: 'OpenDispute', actorId: raiser.personId, occurredAt: iso(openedAt), disputeId, subject: 'Scope of weekend support', raisedByPartyId: raiser.partyId, respondentPartyId: respondent }));
        const isOpen = () => live(contractId)?.disputes[disputeId]?.status === 'open';
        if (rnd.chance(0.5)) {
          const at = openedAt + rnd.int(2, 8) * DAY;
          const by = of('operational');
          schedule(at, c(contractId, () => (isOpen() ? { type: 'ResolveDispute', actorId: by.personId, occurredAt: iso(at), disputeId, outcome: 'agreement', summary: 'Agreed in negotiation' } : undefined)));
        } else {
          const advanceAt = openedAt + rnd.int(3, 7) * DAY;
          const by = of('steering');
          schedule(advanceAt, c(contractId, () => (isOpen() ? { type: 'AdvanceDispute', actorId: by.personId, occurredAt: iso(advanceAt), disputeId, toStep: 'relationship-managers', reason: 'No agreement in negotiation' } : undefined)));
          const at = advanceAt + rnd.int(5, 15) * DAY;
          schedule(at, c(contractId, () => (isOpen() ? { type: 'ResolveDispute', actorId: by.personId, occurredAt: iso(at), disputeId, outcome: 'agreement', summary: 'Settled by the relationship managers' } : undefined)));
        }
      }
    }
    // Quarterly business review and health assessment.
    if (day > 0 && day % 91 === 0) {
      const reviewId = `${id}-qbr-${day / 91}`;
      const attendees = people.filter((x) => x.tier !== 'operational').map((x) => x.personId);
      schedule(d(day, 14), p({ ...r, type: 'HoldBusinessReview', occurredAt: iso(d(day, 14)), reviewId, kind: 'quarterly', attendees, summary: 'Quarterly review of delivery, cost and relationship', contractIds }));
      const scores = { operational: rnd.int(55, 95), relational: rnd.int(45, 95), strategic: rnd.int(40, 90) };
      schedule(d(day + 1, 10), p({ ...r, type: 'RecordHealthAssessment', occurredAt: iso(d(day + 1, 10)), assessmentId: `${reviewId}-health`, source: { kind: 'business-review', reviewId }, scores }));
    }
  };

  // ---------------------------------------------------------------- renewal season at the horizon
  const end = d(horizonDays, 8);
  for (const contractId of contractIds) schedule(end, c(contractId, { type: 'OpenDueRenewalWindows', actorId: SCHEDULER, now: iso(end) }));
  if (rnd.chance(0.5)) {
    const by = of('executive');
    schedule(end + 3 * HOUR, c(masterId, { type: 'RenewContract', actorId: by.personId, occurredAt: iso(end + 3 * HOUR) }));
  }

  // ---------------------------------------------------------------- drive: seed each day, then run the agenda up to its end
  for (let day = -40; day <= horizonDays + 1; day++) {
    if (day >= 0 && day < horizonDays) dayRoutine(day);
    const dayEnd = d(day + 1, 0);
    while (agenda.length > 0 && agenda[0].at < dayEnd) {
      const item = agenda.shift() as Scheduled;
      const batch = run(item.action);
      if (batch) yield batch;
    }
  }
  while (agenda.length > 0) {
    const batch = run((agenda.shift() as Scheduled).action);
    if (batch) yield batch;
  }
}

/**
 * A deterministic history: the same options give the same events. Partnerships are simulated a few at
 * a time (`concurrency`) and merged in time order; each starts a few weeks after the previous one.
 */
export function* generateHistory(options: HistoryOptions = {}): Generator<GeneratedEvent> {
  const seed = options.seed ?? 1;
  const target = options.targetEvents;
  const total = options.partnerships ?? (target === undefined ? 3 : Number.POSITIVE_INFINITY);
  const perPartnership = Math.max(1, options.contractsPerPartnership ?? 3);
  const months = Math.max(1, options.months ?? 12);
  const startMs = Date.parse(options.start ?? T0);
  if (Number.isNaN(startMs)) throw new Error(`generateHistory: start is not a date: ${options.start}`);
  const concurrency = Math.max(1, options.concurrency ?? 8);

  let next = 0;
  let emitted = 0;
  const active: Array<{ it: Generator<Batch>; head: Batch }> = [];
  const admit = (): void => {
    while (active.length < concurrency && next < total) {
      const it = partnershipHistory(next, seed, perPartnership, months, startMs + ((next * 9) % 120) * DAY);
      next++;
      const first = it.next();
      if (!first.done) active.push({ it, head: first.value });
    }
  };
  admit();
  while (active.length > 0) {
    let k = 0;
    for (let i = 1; i < active.length; i++) if (active[i].head.at < active[k].head.at) k = i;
    const { it, head } = active[k];
    for (const e of head.events) yield e;
    emitted += head.events.length;
    if (target !== undefined && emitted >= target) return;
    const following = it.next();
    if (following.done) {
      active.splice(k, 1);
      admit();
    } else active[k].head = following.value;
  }
}

export interface AppendHistoryResult {
  events: number;
  streams: number;
}

/**
 * Appends a generated history to any store: consecutive events of one stream in one append, with the
 * expected version tracked per stream and metadata { actorId, occurredAt, correlationId }. Nothing but
 * stream versions is kept, so a million events append in flat memory.
 */
export async function appendHistory(store: EventStore, options: HistoryOptions = {}): Promise<AppendHistoryResult> {
  const versions = new Map<string, number>();
  let events = 0;
  let batch: NewEvent[] = [];
  let batchStream: string | undefined;
  let correlation = 0;
  const flush = async (): Promise<void> => {
    if (batchStream === undefined || batch.length === 0) return;
    const current = versions.get(batchStream);
    const result = await store.appendToStream(batchStream, batch, { expectedVersion: current === undefined ? 'no-stream' : current });
    versions.set(batchStream, result.nextExpectedVersion);
    events += batch.length;
    batch = [];
  };
  for (const g of generateHistory(options)) {
    if (g.streamId !== batchStream) {
      await flush();
      batchStream = g.streamId;
      correlation++;
    }
    batch.push({
      type: g.event.type,
      schemaVersion: g.event.schemaVersion,
      data: g.event.data,
      metadata: { actorId: g.actorId, occurredAt: g.occurredAt, correlationId: `history-${options.seed ?? 1}-${correlation}` },
    });
  }
  await flush();
  return { events, streams: versions.size };
}
