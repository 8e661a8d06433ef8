/**
 * The pure governance domain (DOMAIN.md): deciders, events, commands and policies. No clock, no I/O,
 * no framework: `now`, ids and the actor come with each command; other streams come in a context.
 */
export * from './shared/errors';
export * from './shared/error-codes';
export * from './shared/event';
export * from './shared/time';
export * from './shared/decimal';
export * as MoneyOps from './shared/money';
export type { Money } from './shared/money';
export { money } from './shared/money';
export * from './shared/json-diff';
export * from './shared/replay';

export * from './governance/tiers';
export * from './governance/governance';

export * from './partnership/partnership.events';
export * from './partnership/partnership.commands';
export * from './partnership/partnership.state';
export * from './partnership/partnership.decider';
export * from './partnership/partnership.governance';
export * from './partnership/policies/default-charter';
export * from './partnership/policies/health-index';
export * from './partnership/policies/stage-transitions';

export * from './contract/terms/contract-terms';
export * from './contract/terms/default-terms';
export * from './contract/terms/validate-terms';
export * from './contract/contract.state';
export * from './contract/contract.context';
export * from './contract/contract.events';
export * from './contract/contract.commands';
export * from './contract/contract.decider';
export * from './contract/contract.evolve';
export * from './contract/lifecycle/lifecycle.events';
export * from './contract/lifecycle/lifecycle.commands';
export * from './contract/exit/exit.events';
export * from './contract/exit/exit.commands';
export * from './contract/renewal/renewal.events';
export * from './contract/renewal/renewal.commands';
export * from './contract/renewal/renewal.policy';
export * from './contract/change/change.events';
export * from './contract/change/change.commands';
export * from './contract/change/change.policy';
export * from './contract/sla/sla.events';
export * from './contract/sla/sla.commands';
export * from './contract/sla/sla.policy';
export * from './contract/escalation/escalation.events';
export * from './contract/escalation/escalation.commands';
export * from './contract/dispute/dispute.events';
export * from './contract/dispute/dispute.commands';
export * from './contract/dispute/dispute.policy';
export * from './contract/deadlines/contract-deadlines';
export * from './contract/deadlines/actions-due';

export * from './catalogue';
export * from './streams';
export * from './summary/summarise';

import { ContractEvent } from './contract/contract.events';
import { PartnershipEvent } from './partnership/partnership.events';
/** Any event of the domain. */
export type CovenantEvent = PartnershipEvent | ContractEvent;
