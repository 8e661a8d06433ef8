import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContractCommand, ContractTerms, PartnershipCommand, SlaDefinition } from '../../libs/domain/src';
import { defaultContractTerms, money } from '../../libs/domain/src';
import type { CommandGateway, RequestContext } from '../../libs/application/src/commands/command-gateway';
import { CovenantConfig, loadConfig } from '../../libs/application/src/config/covenant-config';

/*
 * Set-up shared by the write-path and HTTP benchmarks: a temp SQLite data dir with its configuration,
 * and a partnership with N active contracts (each with an availability SLA) created through the
 * command gateway, so the timed part only records facts on contracts that exist.
 */

export const PARTNERSHIP_ID = 'bench-partnership';
export const RECORDER = 'bench.recorder';
/** A steering member: waivers and anything else needing a seat. */
export const STEERING = 'bench.steering';
export const EFFECTIVE_FROM = '2025-01-01T00:00:00.000Z';

export const AVAILABILITY: SlaDefinition = {
  slaId: 'availability',
  name: 'Availability',
  metric: 'availability',
  unit: 'percent',
  target: '99.9',
  comparison: 'at-least',
  measurementWindowHours: 24,
  maintenanceWindows: [],
  creditBps: 100,
};

export interface TempDataDir {
  dir: string;
  config: CovenantConfig;
  remove(): void;
}

/** A fresh data dir and the configuration of a sqlite store in it (nothing read from this process's env). */
export function tempDataDir(prefix = 'covenant-bench-'): TempDataDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const config = loadConfig({ COVENANT_STORE: 'sqlite', COVENANT_DATA_DIR: dir, LOG_LEVEL: 'error', PORT: '0', HOST: '127.0.0.1' });
  return { dir, config, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const contractId = (i: number): string => `bench-contract-${String(i).padStart(5, '0')}`;

function terms(i: number): ContractTerms {
  return {
    ...defaultContractTerms({
      title: `Service contract ${i}`,
      parties: [
        { partyId: 'acme', name: 'Acme Corp' },
        { partyId: 'globex', name: 'Globex Services' },
      ],
      effectiveFrom: EFFECTIVE_FROM,
      termDays: 5 * 365,
      value: money('1200000.00', 'EUR'),
      monthlyBaseFee: money('20000.00', 'EUR'),
    }),
    slas: [AVAILABILITY],
  };
}

/** A partnership with a charter and a member per tier, then `n` signed and active contracts. */
export async function setUpContracts(gateway: CommandGateway, n: number): Promise<string[]> {
  const ctx = (actorId: string): RequestContext => ({ actorId, correlationId: 'bench-setup' });
  const r = { actorId: RECORDER, occurredAt: '2024-12-01T09:00:00.000Z' };
  const partnership: PartnershipCommand[] = [
    { ...r, type: 'FormPartnership', partnershipId: PARTNERSHIP_ID, name: 'Bench partnership', parties: [{ partyId: 'acme', name: 'Acme Corp' }, { partyId: 'globex', name: 'Globex Services' }] },
    { ...r, type: 'AdoptGovernanceCharter' },
    { ...r, type: 'AppointGovernanceMember', personId: 'bench.ops', name: 'Ops', partyId: 'acme', tier: 'operational' },
    { ...r, type: 'AppointGovernanceMember', personId: STEERING, name: 'Steering', partyId: 'acme', tier: 'steering' },
    { ...r, type: 'AppointGovernanceMember', personId: 'bench.exec', name: 'Exec', partyId: 'globex', tier: 'executive' },
  ];
  for (const c of partnership) await gateway.partnership(PARTNERSHIP_ID, c, ctx(c.actorId));
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = contractId(i);
    const commands: ContractCommand[] = [
      { ...r, type: 'DraftContract', occurredAt: '2024-12-02T09:00:00.000Z', contractId: id, partnershipId: PARTNERSHIP_ID, terms: terms(i) },
      { ...r, type: 'SignContract', occurredAt: '2024-12-03T09:00:00.000Z', partyId: 'acme', signatoryName: 'Erin Exec' },
      { ...r, type: 'SignContract', occurredAt: '2024-12-04T09:00:00.000Z', partyId: 'globex', signatoryName: 'Frank Exec' },
      { type: 'ActivateIfDue', actorId: 'system:scheduler', now: EFFECTIVE_FROM },
    ];
    for (const c of commands) await gateway.contract(id, c, ctx(c.actorId));
    ids.push(id);
  }
  return ids;
}

/** The instant of the k-th measurement of a contract: one a minute from the effective date (all in force). */
export function measurementTime(k: number): string {
  return new Date(Date.parse(EFFECTIVE_FROM) + (k + 1) * 60_000).toISOString();
}
