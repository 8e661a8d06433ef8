import { applyDiff, Json } from '../../shared/json-diff';
import { ContractState, LiveContract } from '../contract.state';
import { ContractTerms } from '../terms/contract-terms';
import { LifecycleEvent } from './lifecycle.events';

function drafted(e: Extract<LifecycleEvent, { type: 'ContractDrafted' }>): LiveContract {
  const { contractId, partnershipId, terms } = e.data;
  return {
    status: 'draft',
    contractId,
    partnershipId,
    kind: 'master',
    masterContractId: null,
    terms,
    termsHistory: [{ version: 1, effectiveAt: terms.effectiveFrom, terms }],
    signatures: [],
    activatedAt: null,
    amendments: 0,
    renewal: null,
    changes: {},
    sla: { breaches: {}, accrued: {} },
    escalations: {},
    disputes: {},
    termination: null,
    endedAt: null,
  };
}

export function evolveLifecycle(state: ContractState, event: LifecycleEvent): ContractState {
  if (event.type === 'ContractDrafted') return drafted(event);
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'DraftRevised': {
      const terms = applyDiff(state.terms as unknown as Json, event.data.diff) as unknown as ContractTerms;
      return { ...state, terms, termsHistory: [{ version: 1, effectiveAt: terms.effectiveFrom, terms }] };
    }
    case 'AddendumAttached':
      return { ...state, kind: 'addendum', masterContractId: event.data.masterContractId };
    case 'ContractSigned': {
      const signatures = [...state.signatures, { partyId: event.data.partyId, signatoryName: event.data.signatoryName, signedAt: event.occurredAt ?? null }];
      return { ...state, signatures, status: signatures.length >= state.terms.parties.length ? 'signed' : 'draft' };
    }
    case 'ContractActivated': {
      const activatedAt = event.occurredAt ?? event.data.effectiveFrom;
      return { ...state, status: 'active', activatedAt, renewal: { expiresAt: event.data.expiresAt, since: activatedAt, phase: 'pending', renewals: 0 } };
    }
    case 'ContractAmended': {
      const terms = applyDiff(state.terms as unknown as Json, event.data.diff) as unknown as ContractTerms;
      const termsHistory = [...state.termsHistory, { version: event.data.termsVersion, effectiveAt: event.data.effectiveAt, terms }];
      const moved = state.renewal !== null && terms.expiresAt !== state.terms.expiresAt;
      // An amendment that moves the expiry starts a new renewal cycle for the new date; a declined
      // renewal stays declined (the notice was served).
      const renewal =
        state.renewal !== null && moved
          ? { ...state.renewal, expiresAt: terms.expiresAt, since: event.data.effectiveAt, phase: state.renewal.phase === 'declined' ? ('declined' as const) : ('pending' as const) }
          : state.renewal;
      return { ...state, terms, termsHistory, amendments: event.data.amendmentNumber, renewal };
    }
    case 'ContractExpired':
      return { ...state, status: 'expired', endedAt: event.data.expiresAt };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
