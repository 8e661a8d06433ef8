import { ContractState } from '../contract.state';
import { RenewalEvent } from './renewal.events';

export function evolveRenewal(state: ContractState, event: RenewalEvent): ContractState {
  if (state.status === 'none' || state.renewal === null) return state;
  const renewal = state.renewal;
  switch (event.type) {
    case 'RenewalWindowOpened':
      return renewal.phase === 'declined' ? state : { ...state, renewal: { ...renewal, phase: 'window-open' } };
    case 'RenewalDecisionDue':
      return renewal.phase === 'declined' ? state : { ...state, renewal: { ...renewal, phase: 'decision-due' } };
    case 'RenewalDeclined':
      return { ...state, renewal: { ...renewal, phase: 'declined' } };
    case 'ContractRenewed': {
      const since = event.occurredAt ?? event.data.previousExpiresAt;
      const terms = { ...state.terms, expiresAt: event.data.newExpiresAt };
      const last = state.termsHistory[state.termsHistory.length - 1];
      return {
        ...state,
        terms,
        termsHistory: [...state.termsHistory, { version: last.version + 1, effectiveAt: since, terms }],
        renewal: { expiresAt: event.data.newExpiresAt, since, phase: 'pending', renewals: event.data.renewalNumber },
      };
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
