import { runStory } from '@covenant/testing/domain-story';
import { ALL_COMMAND_TYPES, ALL_EVENT_TYPES, CATALOGUE_IS_COMPLETE, catalogueEntry, EVENT_CATALOGUE } from './catalogue';
import { DOMAIN_ERROR_CODES } from './shared/error-codes';

/** DOMAIN.md "Events (the minimum catalogue)", verbatim. */
const MINIMUM = [
  'PartnershipFormed', 'GovernanceCharterAdopted', 'GovernanceMemberAppointed', 'GovernanceMemberRemoved', 'BusinessReviewHeld', 'HealthAssessmentRecorded', 'PartnershipStageChanged',
  'ContractDrafted', 'AddendumAttached', 'ContractSigned', 'ContractActivated', 'ContractAmended', 'RenewalWindowOpened', 'RenewalDecisionDue', 'ContractRenewed', 'RenewalDeclined',
  'ContractTerminated', 'ExitStepCompleted', 'ContractExpired', 'ContractClosed',
  'ChangeRequested', 'CollaborativeReviewOpened', 'ChangeApproved', 'ChangeRejected', 'ChangeReferredToMediation', 'LinkedReviewRequested',
  'SlaMeasurementRecorded', 'SlaBreached', 'ServiceCreditAccrued', 'ServiceCreditWaived',
  'EscalationRaised', 'EscalationEscalated', 'EscalationResolved',
  'DisputeOpened', 'DisputeAdvanced', 'PositionPaperSubmitted', 'MediationScheduled', 'DisputeResolved',
];

describe('Event catalogue', () => {
  const story = runStory();
  const steps = [...story.partnership, ...story.contracts];

  it('every event type of the DOMAIN.md minimum catalogue exists, marked as such', () => {
    for (const type of MINIMUM) expect(catalogueEntry(type)).toMatchObject({ type, minimum: true });
    expect(EVENT_CATALOGUE.filter((e) => e.minimum).map((e) => e.type).sort()).toEqual([...MINIMUM].sort());
  });

  it('the catalogue lists every event type once, with its schema version and stream kind', () => {
    expect(CATALOGUE_IS_COMPLETE).toBe(true);
    expect(EVENT_CATALOGUE.map((e) => e.type).sort()).toEqual([...ALL_EVENT_TYPES].sort());
    expect(new Set(EVENT_CATALOGUE.map((e) => e.type)).size).toBe(EVENT_CATALOGUE.length);
  });

  it('every catalogue event type is produced by some command', () => {
    const produced = new Set(steps.flatMap((s) => s.events.map((e) => e.type)));
    const missing = EVENT_CATALOGUE.map((e) => e.type).filter((t) => !produced.has(t));
    expect(missing).toEqual([]);
  });

  it('each event is produced only by the commands the catalogue names, with the catalogued schema version and stream', () => {
    for (const s of steps) {
      for (const e of s.events) {
        const entry = catalogueEntry(e.type);
        expect({ type: e.type, by: entry?.producedBy.includes(s.command.type) }).toEqual({ type: e.type, by: true });
        expect(e.schemaVersion).toBe(entry?.schemaVersion);
        expect(s.streamId.startsWith(`${entry?.stream}-`)).toBe(true);
      }
    }
  });

  it('the story exercises every command type (ProcessDueDeadlines has its own spec)', () => {
    const used = new Set(steps.map((s) => s.command.type));
    expect(ALL_COMMAND_TYPES.filter((t) => !used.has(t))).toEqual(['ProcessDueDeadlines']);
  });

  it('error codes are stable dotted names, each with a kind the HTTP layer maps', () => {
    for (const [code, def] of Object.entries(DOMAIN_ERROR_CODES)) {
      expect(code).toMatch(/^[A-Z]+\.[A-Z_]+$/);
      expect(['invalid', 'not-found', 'conflict', 'forbidden']).toContain(def.kind);
    }
  });
});
