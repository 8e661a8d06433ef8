import { ContractState, getBreach, withBreach } from '../contract.state';
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
      return { ...state, sla: withBreach(ledger, event.data.breachId, { slaId: event.data.slaId, period: '', credit: null, waived: false }) };
    case 'ServiceCreditAccrued': {
      const { breachId, period, amount, slaId } = event.data;
      const breach = getBreach(ledger, breachId) ?? { slaId, period, credit: null, waived: false };
      return { ...state, sla: addToLedger(withBreach(ledger, breachId, { ...breach, period, credit: amount }), period, amount) };
    }
    case 'ServiceCreditWaived': {
      const breach = getBreach(ledger, event.data.breachId);
      return breach ? { ...state, sla: withBreach(ledger, event.data.breachId, { ...breach, waived: true }) } : state;
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
