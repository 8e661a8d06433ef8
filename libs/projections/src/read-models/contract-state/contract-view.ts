import {
  canonicalInstant,
  ContractKind,
  ContractStatus,
  ContractTerms,
  currentVersion,
  LiveContract,
  Money,
  PartyRef,
  SlaDefinition,
} from '@covenant/domain';

/**
 * Instants as the read models store them: the domain's canonical form, so that they compare and sort as
 * text in SQL. Terms and commands accept any zone (`+02:00`, no milliseconds); the columns never do.
 */
export { canonicalInstant };

export function canonicalOrNull(instant: string | null | undefined): string | null {
  return instant === null || instant === undefined ? null : canonicalInstant(instant);
}

export interface SignatureView {
  partyId: string;
  signatoryName: string;
  /** When the party signed (the event's occurredAt). */
  signedAt: string | null;
}

/** A contract as committees list it: everything but the full terms. */
export interface ContractSummary {
  contractId: string;
  partnershipId: string;
  kind: ContractKind;
  masterContractId: string | null;
  title: string;
  status: ContractStatus;
  parties: PartyRef[];
  /** The latest terms version (1 at drafting; each amendment and renewal adds one). */
  termsVersion: number;
  slas: SlaDefinition[];
  effectiveFrom: string;
  /** The expiry in force: moved by activation, renewals and amendments. */
  expiresAt: string;
  activatedAt: string | null;
  /** When the contract stopped (or will stop) being in force: expiry or termination. */
  endedAt: string | null;
  value: Money;
  autoRenew: boolean;
  signatures: SignatureView[];
  amendments: number;
  openEscalations: number;
  /** The contract stream's version after the last event this state includes (the ETag). */
  version: number;
  /** recordedAt of that event. */
  updatedAt: string;
}

/** One contract: the summary and the terms now agreed. */
export interface ContractView extends ContractSummary {
  terms: ContractTerms;
}

/**
 * The view of a contract's domain state, as the auditor's replay (`asOf`/`knownAt`) answers it. The
 * contract-state projection keeps the same figures row by row; its tests hold the two equal.
 */
export function contractViewOf(c: LiveContract, version: number, updatedAt: string): ContractView {
  return {
    contractId: c.contractId,
    partnershipId: c.partnershipId,
    kind: c.kind,
    masterContractId: c.masterContractId,
    title: c.terms.title,
    status: c.status,
    parties: c.terms.parties,
    termsVersion: currentVersion(c).version,
    slas: c.terms.slas,
    effectiveFrom: canonicalInstant(c.terms.effectiveFrom),
    expiresAt: canonicalInstant(c.renewal?.expiresAt ?? c.terms.expiresAt),
    activatedAt: canonicalOrNull(c.activatedAt),
    endedAt: canonicalOrNull(c.endedAt),
    value: c.terms.value,
    autoRenew: c.terms.autoRenew,
    signatures: c.signatures.map((s) => ({ partyId: s.partyId, signatoryName: s.signatoryName, signedAt: canonicalOrNull(s.signedAt) })),
    amendments: c.amendments,
    openEscalations: Object.values(c.escalations).filter((e) => e.status === 'open').length,
    version,
    updatedAt,
    terms: c.terms,
  };
}
