import { ChangeState, ChangeStatus, ContractState, LiveContract } from '../contract.state';
import { ChangeEvent } from './change.events';

function withChange(s: LiveContract, changeId: string, patch: Partial<ChangeState>): LiveContract {
  const current = s.changes[changeId];
  return current ? { ...s, changes: { ...s.changes, [changeId]: { ...current, ...patch } } } : s;
}

function status(s: LiveContract, changeId: string, st: ChangeStatus): LiveContract {
  return withChange(s, changeId, { status: st });
}

export function evolveChange(state: ContractState, event: ChangeEvent): ContractState {
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'ChangeRequested': {
      const d = event.data;
      const change: ChangeState = { changeId: d.changeId, level: d.level, status: 'requested', reviewRequired: false, respondBy: null, diff: d.diff, costImpact: d.costImpact };
      return { ...state, changes: { ...state.changes, [d.changeId]: change } };
    }
    case 'CollaborativeReviewOpened':
      return withChange(state, event.data.changeId, { status: 'in-review', reviewRequired: true, respondBy: event.data.respondBy });
    case 'CollaborativeReviewConcluded':
      return status(state, event.data.changeId, event.data.outcome === 'consensus' ? 'review-agreed' : 'review-failed');
    case 'CollaborativeReviewOverdue':
      return status(state, event.data.changeId, 'review-failed');
    case 'ChangeReferredToMediation':
      return status(state, event.data.changeId, 'in-mediation');
    case 'ChangeApproved':
      return status(state, event.data.changeId, 'approved');
    case 'ChangeRejected':
      return status(state, event.data.changeId, 'rejected');
    case 'LinkedReviewRequested':
    case 'LinkedReviewReceived':
      // Coordination facts: they ask people to look, they change no term or status.
      return state;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
