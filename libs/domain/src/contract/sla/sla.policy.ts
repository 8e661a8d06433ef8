import { compareDecimal } from '../../shared/decimal';
import { basisPointsOf, compare, fromMinor, min, minor, Money, subtract, zero } from '../../shared/money';
import { DAY_MS, Instant, MINUTE_MS, monthOf, ms } from '../../shared/time';
import { SlaLedger } from '../contract.state';
import { MaintenanceWindow, ServiceCreditSchedule, SlaDefinition } from '../terms/contract-terms';

const WEEK_MS = 7 * DAY_MS;
// 1970-01-04T00:00Z was the first Sunday after the epoch.
const FIRST_SUNDAY_MS = 3 * DAY_MS;

function inWindow(w: MaintenanceWindow, at: Instant): boolean {
  const t = ms(at);
  switch (w.kind) {
    case 'once':
      return ms(w.from) <= t && t < ms(w.to);
    case 'weekly': {
      const intoWeek = (((t - FIRST_SUNDAY_MS) % WEEK_MS) + WEEK_MS) % WEEK_MS;
      const start = (w.dayOfWeek * 1440 + w.startMinute) * MINUTE_MS;
      const end = start + w.durationMinutes * MINUTE_MS;
      // A window may run past Saturday midnight into the next week.
      return (intoWeek >= start && intoWeek < end) || (intoWeek + WEEK_MS >= start && intoWeek + WEEK_MS < end);
    }
    default: {
      const _exhaustive: never = w;
      return _exhaustive;
    }
  }
}

/** The maintenance window an instant falls in ([start, end), UTC), if any: such time does not count. */
export function maintenanceWindowAt(sla: SlaDefinition, at: Instant): string | null {
  return sla.maintenanceWindows.find((w) => inWindow(w, at))?.windowId ?? null;
}

/** A value exactly at target meets the SLA. */
export function breaches(sla: SlaDefinition, value: string): boolean {
  const c = compareDecimal(value, sla.target);
  return sla.comparison === 'at-least' ? c < 0 : c > 0;
}

export interface CreditDecision {
  period: string;
  amount: Money;
  uncappedAmount: Money;
  capped: boolean;
}

/**
 * The credit a breach earns under the schedule in force when it happened: a share of the monthly base
 * fee (the SLA's own rate or the schedule's), within what is left of the calendar month's cap. Waived
 * credits still count toward the cap: a waiver is a concession, not room for more credits.
 */
export function creditFor(sla: SlaDefinition, schedule: ServiceCreditSchedule, monthlyBaseFee: Money, ledger: SlaLedger, at: Instant): CreditDecision {
  const period = monthOf(at);
  const uncappedAmount = basisPointsOf(monthlyBaseFee, sla.creditBps ?? schedule.perBreachBps);
  const cap = basisPointsOf(monthlyBaseFee, schedule.capPerPeriodBps);
  const already = accruedIn(ledger, period, monthlyBaseFee.currency);
  const left = compare(already, cap) >= 0 ? zero(cap.currency) : subtract(cap, already);
  const amount = min(uncappedAmount, left);
  return { period, amount, uncappedAmount, capped: compare(amount, uncappedAmount) < 0 };
}

export function ledgerKey(period: string, currency: string): string {
  return `${period}:${currency}`;
}

export function accruedIn(ledger: SlaLedger, period: string, currency: string): Money {
  const amount = ledger.accrued[ledgerKey(period, currency)];
  return amount === undefined ? zero(currency) : { amount, currency };
}

export function addToLedger(ledger: SlaLedger, period: string, m: Money): SlaLedger {
  const total = fromMinor(minor(accruedIn(ledger, period, m.currency)) + minor(m), m.currency);
  return { ...ledger, accrued: { ...ledger.accrued, [ledgerKey(period, m.currency)]: total.amount } };
}
