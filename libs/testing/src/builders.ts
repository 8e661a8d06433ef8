/**
 * Realistic builders shared by unit, e2e tests and the seed: a partnership between Acme (customer)
 * and Globex (provider) with a charter and six governance members, and contracts between them. Every
 * event is dated, as the application layer would replay it.
 */
import {
  ContractCommand,
  ContractDecisionContext,
  contractDecider,
  ContractEvent,
  ContractState,
  ContractTerms,
  defaultContractTerms,
  DEFAULT_CHARTER_TIERS,
  GovernanceView,
  governanceView,
  masterView,
  money,
  partnershipDecider,
  PartnershipEvent,
  partnershipEvent,
  SlaDefinition,
} from '@covenant/domain';

/** Monday 6 January 2025, 09:00 UTC: the start of every story. */
export const T0 = '2025-01-06T09:00:00.000Z';

export const at = (offsetMs: number, from: string = T0): string => new Date(Date.parse(from) + offsetMs).toISOString();
export const hours = (n: number): number => n * 3_600_000;
export const days = (n: number): number => n * 86_400_000;

export const ACME = { partyId: 'acme', name: 'Acme Corp' };
export const GLOBEX = { partyId: 'globex', name: 'Globex Services' };
export const PARTNERSHIP_ID = 'acme-globex';

export const PEOPLE = {
  alice: { personId: 'alice', name: 'Alice Ops', partyId: ACME.partyId, tier: 'operational' },
  bob: { personId: 'bob', name: 'Bob Ops', partyId: GLOBEX.partyId, tier: 'operational' },
  carol: { personId: 'carol', name: 'Carol Steer', partyId: ACME.partyId, tier: 'steering' },
  dave: { personId: 'dave', name: 'Dave Steer', partyId: GLOBEX.partyId, tier: 'steering' },
  erin: { personId: 'erin', name: 'Erin Exec', partyId: ACME.partyId, tier: 'executive' },
  frank: { personId: 'frank', name: 'Frank Exec', partyId: GLOBEX.partyId, tier: 'executive' },
} as const;

/** Someone with no seat at all (a contract manager recording facts). */
export const OUTSIDER = 'mallory';

export function partnershipFormed(occurredAt = at(-days(30))): PartnershipEvent {
  return partnershipEvent('PartnershipFormed', { partnershipId: PARTNERSHIP_ID, name: 'Acme × Globex', parties: [ACME, GLOBEX], stage: 'forming' }, occurredAt);
}

export function charterAdopted(occurredAt = at(-days(29))): PartnershipEvent {
  return partnershipEvent(
    'GovernanceCharterAdopted',
    { partnershipId: PARTNERSHIP_ID, charterVersion: 1, tiers: DEFAULT_CHARTER_TIERS, businessReviewCadenceDays: 90 },
    occurredAt,
  );
}

export function memberAppointed(person: (typeof PEOPLE)[keyof typeof PEOPLE], from = at(-days(28))): PartnershipEvent {
  return partnershipEvent('GovernanceMemberAppointed', { partnershipId: PARTNERSHIP_ID, ...person, from }, from);
}

/** A formed partnership with the default charter and all six people seated 28 days before T0. */
export function aPartnershipWithCharter(): PartnershipEvent[] {
  return [partnershipFormed(), charterAdopted(), ...Object.values(PEOPLE).map((p) => memberAppointed(p))];
}

export function governanceFrom(events: readonly PartnershipEvent[] = aPartnershipWithCharter()): GovernanceView {
  return governanceView(events.reduce(partnershipDecider.evolve, partnershipDecider.initialState));
}

// ---------------------------------------------------------------- contracts

export const MSA_ID = 'msa-acme-globex';
export const ADDENDUM_ID = 'addendum-analytics';
/** Records facts without deciding anything (a contract manager). */
export const RECORDER = OUTSIDER;

/** 99.9 % monthly availability, measured outside the Sunday 02:00–04:00 UTC maintenance window. */
export const SLA_AVAILABILITY: SlaDefinition = {
  slaId: 'availability',
  name: 'Service availability',
  metric: 'availability',
  unit: 'percent',
  target: '99.9',
  comparison: 'at-least',
  measurementWindowHours: 720,
  maintenanceWindows: [{ kind: 'weekly', windowId: 'sunday-night', dayOfWeek: 0, startMinute: 120, durationMinutes: 120 }],
  creditBps: 1000,
};

/** Priority-1 incidents answered within 30 minutes. */
export const SLA_P1_RESPONSE: SlaDefinition = {
  slaId: 'p1-response',
  name: 'P1 incident response',
  metric: 'p1-response-minutes',
  unit: 'minutes',
  target: '30',
  comparison: 'at-most',
  measurementWindowHours: 1,
  maintenanceWindows: [],
};

/**
 * The master services agreement: effective at T0 for three years, worth 1,080,000.00 EUR, base fee
 * 30,000.00 EUR a month, two SLAs, every other rule at its default (DOMAIN.md).
 */
export function masterTerms(overrides: Partial<ContractTerms> = {}): ContractTerms {
  return {
    ...defaultContractTerms({
      title: 'Master Services Agreement',
      parties: [ACME, GLOBEX],
      effectiveFrom: T0,
      termDays: 3 * 365,
      value: money('1080000.00', 'EUR'),
      monthlyBaseFee: money('30000.00', 'EUR'),
    }),
    slas: [SLA_AVAILABILITY, SLA_P1_RESPONSE],
    ...overrides,
  };
}

/** An addendum (analytics module) within the master's term. */
export function addendumTerms(overrides: Partial<ContractTerms> = {}): ContractTerms {
  return {
    ...defaultContractTerms({
      title: 'Analytics Module Addendum',
      parties: [ACME, GLOBEX],
      effectiveFrom: T0,
      termDays: 365,
      value: money('120000.00', 'EUR'),
      monthlyBaseFee: money('10000.00', 'EUR'),
    }),
    ...overrides,
  };
}

export function contractContext(extra: Partial<ContractDecisionContext> = {}, governance: GovernanceView = governanceFrom()): ContractDecisionContext {
  return { governance, ...extra };
}

/** Runs commands through the contract decider, dating each event as the application would. */
export function runContract(commands: readonly ContractCommand[], context: ContractDecisionContext = contractContext(), given: readonly ContractEvent[] = []): ContractEvent[] {
  const out = [...given];
  let state = given.reduce(contractDecider.evolve, contractDecider.initialState);
  for (const c of commands) {
    const at = 'now' in c ? c.now : c.occurredAt;
    for (const e of contractDecider.decide(c, state, context)) {
      const dated = e.occurredAt === undefined ? { ...e, occurredAt: at } : e;
      state = contractDecider.evolve(state, dated);
      out.push(dated);
    }
  }
  return out;
}

export function contractStateOf(events: readonly ContractEvent[]): ContractState {
  return events.reduce(contractDecider.evolve, contractDecider.initialState);
}

export interface ContractBuild {
  contractId?: string;
  terms?: ContractTerms;
  masterContractId?: string;
  context?: ContractDecisionContext;
}

/** Drafted 20 days before T0 by a contract manager. */
export function aDraftedContract(b: ContractBuild = {}): ContractEvent[] {
  const contractId = b.contractId ?? MSA_ID;
  const draft: ContractCommand = {
    type: 'DraftContract',
    actorId: RECORDER,
    occurredAt: at(-days(20)),
    contractId,
    partnershipId: PARTNERSHIP_ID,
    terms: b.terms ?? masterTerms(),
    ...(b.masterContractId === undefined ? {} : { masterContractId: b.masterContractId }),
  };
  return runContract([draft], b.context ?? contractContext());
}

export const aDraftedMaster = (b: ContractBuild = {}): ContractEvent[] => aDraftedContract(b);

/** Drafted, then signed by Acme (10 days before T0) and Globex (9 days before): waiting for T0. */
export function aSignedContract(b: ContractBuild = {}): ContractEvent[] {
  return runContract(
    [
      { type: 'SignContract', actorId: RECORDER, occurredAt: at(-days(10)), partyId: ACME.partyId, signatoryName: 'Erin Exec' },
      { type: 'SignContract', actorId: RECORDER, occurredAt: at(-days(9)), partyId: GLOBEX.partyId, signatoryName: 'Frank Exec' },
    ],
    b.context ?? contractContext(),
    aDraftedContract(b),
  );
}

/** Signed and activated at its effective date (T0 for the default terms). */
export function anActiveContract(b: ContractBuild = {}): ContractEvent[] {
  const signed = aSignedContract(b);
  const effectiveFrom = (b.terms ?? masterTerms()).effectiveFrom;
  return runContract([{ type: 'ActivateIfDue', actorId: 'system:scheduler', now: effectiveFrom }], b.context ?? contractContext(), signed);
}

export const anActiveMaster = (b: ContractBuild = {}): ContractEvent[] => anActiveContract(b);

/** The context an addendum of the active master decides with. */
export function addendumContext(masterEvents: readonly ContractEvent[] = anActiveMaster()): ContractDecisionContext {
  return contractContext({ master: masterView(contractStateOf(masterEvents)) });
}
