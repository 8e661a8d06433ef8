import { ContractState, EscalationState } from '../contract.state';
import { EscalationEvent } from './escalation.events';

export function evolveEscalation(state: ContractState, event: EscalationEvent): ContractState {
  if (state.status === 'none') return state;
  const put = (e: EscalationState): ContractState => ({ ...state, escalations: { ...state.escalations, [e.escalationId]: e } });
  const current = state.escalations[event.data.escalationId];
  switch (event.type) {
    case 'EscalationRaised':
      return put({ escalationId: event.data.escalationId, level: event.data.level, tier: event.data.tier, dueAt: event.data.dueAt, status: 'open' });
    case 'EscalationEscalated':
      return current ? put({ ...current, level: event.data.toLevel, tier: event.data.tier, dueAt: event.data.dueAt }) : state;
    case 'EscalationResolved':
      return current ? put({ ...current, status: 'resolved' }) : state;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
