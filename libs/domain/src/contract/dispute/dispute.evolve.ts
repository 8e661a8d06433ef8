import { ContractState, DisputeState } from '../contract.state';
import { DisputeEvent } from './dispute.events';

export function evolveDispute(state: ContractState, event: DisputeEvent): ContractState {
  if (state.status === 'none') return state;
  const current = state.disputes[event.data.disputeId];
  const put = (d: DisputeState): ContractState => ({ ...state, disputes: { ...state.disputes, [d.disputeId]: d } });
  if (event.type === 'DisputeOpened') {
    const e = event.data;
    return put({
      disputeId: e.disputeId,
      step: e.step,
      status: 'open',
      raisedByPartyId: e.raisedByPartyId,
      respondentPartyId: e.respondentPartyId,
      formalNoticeAt: e.formalNoticeAt,
      mediationDueBy: e.mediationDueBy,
      mediationScheduledFor: null,
      mediationOverdue: false,
      papers: [],
    });
  }
  if (!current) return state;
  switch (event.type) {
    case 'DisputeAdvanced':
      return put({ ...current, step: event.data.toStep });
    case 'PositionPaperSubmitted':
      return put({ ...current, papers: [...current.papers, { partyId: event.data.partyId, step: event.data.step, contentHash: event.data.contentHash }] });
    case 'MediationScheduled':
      return put({ ...current, mediationScheduledFor: event.data.scheduledFor });
    case 'MediationSchedulingOverdue':
      return put({ ...current, mediationOverdue: true });
    case 'DisputeResolved':
      return put({ ...current, status: 'resolved' });
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
