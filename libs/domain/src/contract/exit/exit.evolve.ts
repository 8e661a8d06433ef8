import { ContractState, TerminationState } from '../contract.state';
import { ExitEvent } from './exit.events';

export function evolveExit(state: ContractState, event: ExitEvent): ContractState {
  if (state.status === 'none') return state;
  const withSteps = (t: TerminationState, stepId: string, patch: { done?: boolean; overdue?: boolean }): ContractState => ({
    ...state,
    termination: { ...t, steps: t.steps.map((s) => (s.stepId === stepId ? { ...s, ...patch } : s)) },
  });
  switch (event.type) {
    case 'ContractTerminated': {
      const d = event.data;
      const termination: TerminationState = {
        reason: d.reason,
        effectiveAt: d.effectiveAt,
        steps: d.exitPlan.map((s) => ({ ...s, done: false, overdue: false })),
        coveredByMaster: d.masterContractId ?? null,
      };
      return { ...state, status: 'exiting', termination, endedAt: d.effectiveAt };
    }
    case 'ExitStepCompleted':
      return state.termination ? withSteps(state.termination, event.data.stepId, { done: true }) : state;
    case 'ExitStepOverdue':
      return state.termination ? withSteps(state.termination, event.data.stepId, { overdue: true }) : state;
    case 'ContractClosed':
      return { ...state, status: 'closed' };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
