import { TIERS, tierRank } from '../../governance/tiers';
import { isDecimal } from '../../shared/decimal';
import { DomainError } from '../../shared/errors';
import { money, Money } from '../../shared/money';
import { isInstant, ms } from '../../shared/time';
import { ContractTerms, MaintenanceWindow, SlaDefinition } from './contract-terms';

interface FieldError {
  field: string;
  rule: string;
  message: string;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

class Collector {
  readonly errors: FieldError[] = [];
  check(ok: boolean, field: string, rule: string, message: string): void {
    if (!ok) this.errors.push({ field, rule, message });
  }
  text(v: unknown, field: string): void {
    this.check(typeof v === 'string' && v.trim().length > 0 && v.length <= 2000, field, 'non-empty', `${field} must be a non-empty string`);
  }
  id(v: unknown, field: string): void {
    this.check(typeof v === 'string' && ID.test(v), field, 'id', `${field} must be an id`);
  }
  int(v: unknown, field: string, lo: number, hi: number): void {
    this.check(typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi, field, 'integer-range', `${field} must be an integer from ${lo} to ${hi}`);
  }
  instant(v: unknown, field: string): void {
    this.check(isInstant(v), field, 'iso-instant', `${field} must be an ISO-8601 instant with a zone`);
  }
  money(m: Money | undefined, field: string, currency: string | undefined): Money | undefined {
    try {
      const n = money(m?.amount as string, m?.currency as string, field);
      this.check(currency === undefined || n.currency === currency, `${field}.currency`, 'contract-currency', `${field} must be in the contract currency ${currency}`);
      return n;
    } catch (e) {
      this.check(false, field, 'money', e instanceof Error ? e.message : String(e));
      return m;
    }
  }
  unique(values: readonly unknown[], field: string): void {
    this.check(new Set(values).size === values.length, field, 'unique', `${field} must not repeat`);
  }
}

function checkWindow(c: Collector, w: MaintenanceWindow, f: string): void {
  c.id(w?.windowId, `${f}.windowId`);
  if (w?.kind === 'once') {
    c.instant(w.from, `${f}.from`);
    c.instant(w.to, `${f}.to`);
    c.check(!isInstant(w.from) || !isInstant(w.to) || ms(w.from) < ms(w.to), `${f}.to`, 'after-from', 'a window ends after it starts');
  } else if (w?.kind === 'weekly') {
    c.int(w.dayOfWeek, `${f}.dayOfWeek`, 0, 6);
    c.int(w.startMinute, `${f}.startMinute`, 0, 1439);
    c.int(w.durationMinutes, `${f}.durationMinutes`, 1, 7 * 1440 - 1);
  } else c.check(false, `${f}.kind`, 'one-of', `${f}.kind must be once or weekly`);
}

function checkSla(c: Collector, s: SlaDefinition, f: string): void {
  c.id(s?.slaId, `${f}.slaId`);
  c.text(s?.name, `${f}.name`);
  c.text(s?.metric, `${f}.metric`);
  c.text(s?.unit, `${f}.unit`);
  c.check(isDecimal(s?.target), `${f}.target`, 'decimal', `${f}.target must be a decimal string`);
  c.check(s?.comparison === 'at-least' || s?.comparison === 'at-most', `${f}.comparison`, 'one-of', 'comparison is at-least or at-most');
  c.int(s?.measurementWindowHours, `${f}.measurementWindowHours`, 1, 24 * 366);
  if (s?.creditBps !== undefined) c.int(s.creditBps, `${f}.creditBps`, 0, 10_000);
  const windows = Array.isArray(s?.maintenanceWindows) ? s.maintenanceWindows : [];
  c.check(Array.isArray(s?.maintenanceWindows), `${f}.maintenanceWindows`, 'array', 'maintenanceWindows is a list');
  windows.forEach((w, i) => checkWindow(c, w, `${f}.maintenanceWindows[${i}]`));
  c.unique(windows.map((w) => w?.windowId), `${f}.maintenanceWindows`);
}

/**
 * Checks a full set of terms and returns them with money normalised to each currency's minor units.
 * All problems are reported at once (CONTRACT.INVALID_TERMS with `errors`).
 */
export function validateTerms(t: ContractTerms): ContractTerms {
  const c = new Collector();
  c.text(t?.title, 'title');
  const parties = Array.isArray(t?.parties) ? t.parties : [];
  c.check(parties.length >= 2, 'parties', 'min-2', 'a contract has at least two parties');
  parties.forEach((p, i) => {
    c.id(p?.partyId, `parties[${i}].partyId`);
    c.text(p?.name, `parties[${i}].name`);
  });
  c.unique(parties.map((p) => p?.partyId), 'parties');
  c.instant(t?.effectiveFrom, 'effectiveFrom');
  c.instant(t?.expiresAt, 'expiresAt');
  if (isInstant(t?.effectiveFrom) && isInstant(t?.expiresAt)) c.check(ms(t.effectiveFrom) < ms(t.expiresAt), 'expiresAt', 'after-effective-from', 'a contract expires after it takes effect');
  const value = c.money(t?.value, 'value', undefined);
  const currency = value?.currency;
  c.check(typeof t?.autoRenew === 'boolean', 'autoRenew', 'boolean', 'autoRenew is true or false');
  c.int(t?.renewalTermDays, 'renewalTermDays', 1, 36_600);
  c.int(t?.noticePeriodDays, 'noticePeriodDays', 0, 3_660);
  c.int(t?.renewal?.windowOpensDaysBeforeExpiry, 'renewal.windowOpensDaysBeforeExpiry', 1, 3_660);
  c.int(t?.renewal?.decisionDueDaysBeforeExpiry, 'renewal.decisionDueDaysBeforeExpiry', 0, 3_660);
  c.check(
    !(t?.renewal?.decisionDueDaysBeforeExpiry >= t?.renewal?.windowOpensDaysBeforeExpiry),
    'renewal.decisionDueDaysBeforeExpiry',
    'inside-window',
    'the renewal decision is due after the window opens',
  );
  c.check(typeof t?.termination?.forConvenience === 'boolean' && typeof t?.termination?.forCause === 'boolean', 'termination', 'booleans', 'termination rights are true or false');
  const slas = Array.isArray(t?.slas) ? t.slas : [];
  c.check(Array.isArray(t?.slas), 'slas', 'array', 'slas is a list');
  slas.forEach((s, i) => checkSla(c, s, `slas[${i}]`));
  c.unique(slas.map((s) => s?.slaId), 'slas');
  const levels = Array.isArray(t?.escalation?.levels) ? t.escalation.levels : [];
  c.check(levels.length >= 1, 'escalation.levels', 'min-1', 'the escalation ladder has at least one level');
  levels.forEach((l, i) => {
    c.check(l?.level === i + 1, `escalation.levels[${i}].level`, 'consecutive', 'levels are numbered 1, 2, 3, … in order');
    c.check((TIERS as readonly string[]).includes(l?.tier), `escalation.levels[${i}].tier`, 'tier', 'a level is owned by a tier');
    c.int(l?.responseHours, `escalation.levels[${i}].responseHours`, 1, 24 * 366);
    if (i > 0 && (TIERS as readonly string[]).includes(l?.tier) && (TIERS as readonly string[]).includes(levels[i - 1]?.tier)) {
      c.check(tierRank(l.tier) >= tierRank(levels[i - 1].tier), `escalation.levels[${i}].tier`, 'ascending', 'each level is owned by the same or a higher tier');
    }
  });
  c.int(t?.change?.costImpactThresholdBps, 'change.costImpactThresholdBps', 0, 1_000_000);
  c.int(t?.change?.reviewResponseDays, 'change.reviewResponseDays', 1, 366);
  c.int(t?.dispute?.mediationWithinDays, 'dispute.mediationWithinDays', 1, 366);
  const fee = c.money(t?.incentives?.monthlyBaseFee, 'incentives.monthlyBaseFee', currency);
  const fees = Array.isArray(t?.incentives?.successFees) ? t.incentives.successFees : [];
  const successFees = fees.map((s, i) => {
    c.id(s?.feeId, `incentives.successFees[${i}].feeId`);
    c.text(s?.description, `incentives.successFees[${i}].description`);
    return { ...s, amount: c.money(s?.amount, `incentives.successFees[${i}].amount`, currency) as Money };
  });
  c.unique(fees.map((s) => s?.feeId), 'incentives.successFees');
  const sc = t?.incentives?.serviceCredits;
  c.int(sc?.perBreachBps, 'incentives.serviceCredits.perBreachBps', 0, 10_000);
  c.int(sc?.capPerPeriodBps, 'incentives.serviceCredits.capPerPeriodBps', 0, 10_000);
  c.check(sc?.period === 'calendar-month', 'incentives.serviceCredits.period', 'one-of', 'the credit period is calendar-month');
  c.check((TIERS as readonly string[]).includes(sc?.waiverTier), 'incentives.serviceCredits.waiverTier', 'tier', 'a tier waives credits');
  const links = Array.isArray(t?.coordinationLinks) ? t.coordinationLinks : [];
  links.forEach((l, i) => c.id(l, `coordinationLinks[${i}]`));
  c.unique(links, 'coordinationLinks');
  if (c.errors.length > 0) {
    throw new DomainError('CONTRACT.INVALID_TERMS', c.errors.map((e) => e.message).join('; '), { errors: c.errors });
  }
  // Rebuilt field by field: unknown keys never reach an event.
  return {
    title: t.title,
    parties: parties.map((p) => ({ partyId: p.partyId, name: p.name })),
    effectiveFrom: t.effectiveFrom,
    expiresAt: t.expiresAt,
    value: value as Money,
    autoRenew: t.autoRenew,
    renewalTermDays: t.renewalTermDays,
    noticePeriodDays: t.noticePeriodDays,
    renewal: { windowOpensDaysBeforeExpiry: t.renewal.windowOpensDaysBeforeExpiry, decisionDueDaysBeforeExpiry: t.renewal.decisionDueDaysBeforeExpiry },
    termination: { forConvenience: t.termination.forConvenience, forCause: t.termination.forCause },
    slas: slas.map(normaliseSla),
    escalation: { levels: levels.map((l) => ({ level: l.level, tier: l.tier, responseHours: l.responseHours })) },
    change: { costImpactThresholdBps: t.change.costImpactThresholdBps, reviewResponseDays: t.change.reviewResponseDays },
    dispute: { mediationWithinDays: t.dispute.mediationWithinDays },
    incentives: {
      monthlyBaseFee: fee as Money,
      successFees: successFees.map((s) => ({ feeId: s.feeId, description: s.description, amount: s.amount })),
      serviceCredits: { perBreachBps: sc.perBreachBps, capPerPeriodBps: sc.capPerPeriodBps, period: sc.period, waiverTier: sc.waiverTier },
    },
    coordinationLinks: [...links],
  };
}

function normaliseSla(s: SlaDefinition): SlaDefinition {
  const windows = s.maintenanceWindows.map((w): MaintenanceWindow =>
    w.kind === 'once'
      ? { kind: 'once', windowId: w.windowId, from: w.from, to: w.to }
      : { kind: 'weekly', windowId: w.windowId, dayOfWeek: w.dayOfWeek, startMinute: w.startMinute, durationMinutes: w.durationMinutes },
  );
  const base: SlaDefinition = {
    slaId: s.slaId,
    name: s.name,
    metric: s.metric,
    unit: s.unit,
    target: s.target,
    comparison: s.comparison,
    measurementWindowHours: s.measurementWindowHours,
    maintenanceWindows: windows,
  };
  return s.creditBps === undefined ? base : { ...base, creditBps: s.creditBps };
}
