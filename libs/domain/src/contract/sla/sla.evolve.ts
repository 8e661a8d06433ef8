import { ContractState } from '../contract.state';
import { SlaEvent } from './sla.events';
import { addToLedger } from './sla.policy';

export function evolveSla(state: ContractState, event: SlaEvent): ContractState {
  if (state.status === 'none') return state;
  const ledger = state.sla;
  switch (event.type) {
    case 'SlaMeasurementRecorded':
      // Measurements change no decision state; the ledger keeps breaches and credits only, so a long
      // stream of measurements replays in constant memory.
      return state;
    case 'SlaBreached':
      return { ...state, sla: { ...ledger, breaches: { ...ledger.breaches, [event.data.breachId]: { slaId: event.data.slaId, period: '', credit: null, waived: false } } } };
    case 'ServiceCreditAccrued': {
      const { breachId, period, amount, slaId } = event.data;
      const breach = ledger.breaches[breachId] ?? { slaId, period, credit: null, waived: false };
      const withCredit = { ...ledger, breaches: { ...ledger.breaches, [breachId]: { ...breach, period, credit: amount } } };
      return { ...state, sla: addToLedger(withCredit, period, amount) };
    }
    case 'ServiceCreditWaived': {
      const breach = ledger.breaches[event.data.breachId];
      return breach ? { ...state, sla: { ...ledger, breaches: { ...ledger.breaches, [event.data.breachId]: { ...breach, waived: true } } } } : state;
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
