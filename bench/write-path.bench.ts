import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { INestApplicationContext } from '@nestjs/common';
import type { ContractCommand } from '../libs/domain/src';
import { CommandGateway, RequestContext } from '../libs/application/src/commands/command-gateway';
import { SendContractCommand } from '../libs/application/src/commands/command-messages';
import { AppModule } from '../apps/api/src/app.module';
import { measurementTime, setUpContracts, tempDataDir } from './lib/contracts-fixture';
import { printJsonLine, printTable, rate, time, type Cell } from './lib/report';

/*
 * The full write path in process, one event per command: load (state cache + tail read), decide,
 * append (canonical JSON, hash chain, version check, in-transaction lookup index), through the real
 * handler on the CommandBus of a Nest application context of the API (no HTTP), on a temp SQLite dir
 * (WAL, synchronous=NORMAL). The contracts are set up first, untimed. Commands are sent one at a time
 * (awaited), round-robin across the contracts: RecordSlaMeasurement with a value that meets the SLA.
 * Usage: npm run bench:write-path [-- --contracts=1000] [--commands=50000]
 */
const arg = (name: string, fallback: number): number => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const CONTRACTS = arg('contracts', 1_000);
const COMMANDS = arg('commands', 50_000);
const BAR = 10_000;

type Send = (contractId: string, command: ContractCommand, ctx: RequestContext) => Promise<unknown>;

/** `count` measurements round-robin over the contracts, continuing each contract's sequence from `offset`. */
async function run(send: Send, ids: string[], count: number, offset: number, concurrency = 1): Promise<number> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < count; i = next++) {
      const k = offset + i;
      const contractId = ids[k % ids.length];
      const seq = Math.floor(k / ids.length);
      const command: ContractCommand = {
        type: 'RecordSlaMeasurement',
        actorId: 'bench.recorder',
        occurredAt: measurementTime(seq),
        measurementId: `m-${seq}`,
        slaId: 'availability',
        value: '99.95',
      };
      await send(contractId, command, { actorId: 'bench.recorder', correlationId: `bench-${k}` });
    }
  };
  const ns = await time(() => Promise.all(Array.from({ length: concurrency }, worker)).then(() => undefined));
  return rate(count, ns);
}

async function main(): Promise<void> {
  const temp = tempDataDir('covenant-write-path-');
  let app: INestApplicationContext | undefined;
  try {
    app = await NestFactory.createApplicationContext(AppModule.forRoot(temp.config), { logger: ['error', 'fatal'] });
    const gateway = app.get(CommandGateway);
    const bus = app.get(CommandBus);
    const viaBus: Send = (id, command, ctx) => bus.execute(new SendContractCommand(id, command, ctx));
    const viaGateway: Send = (id, command, ctx) => gateway.contract(id, command, ctx);

    let ids: string[] = [];
    const setupNs = await time(async () => {
      ids = await setUpContracts(gateway, CONTRACTS);
    });
    let offset = 0;
    const step = (n: number): number => {
      const o = offset;
      offset += n;
      return o;
    };
    await run(viaBus, ids, Math.min(COMMANDS, 10_000), step(Math.min(COMMANDS, 10_000))); // warm-up (JIT, caches)
    const bus1 = await run(viaBus, ids, COMMANDS, step(COMMANDS));
    const gw1 = await run(viaGateway, ids, COMMANDS, step(COMMANDS));
    const bus16 = await run(viaBus, ids, COMMANDS, step(COMMANDS), 16);
    const bus1b = await run(viaBus, ids, COMMANDS, step(COMMANDS));
    const commandsPerSec = Math.max(bus1, bus1b);

    const table: Array<Record<string, Cell>> = [
      { measure: `set-up: partnership + ${CONTRACTS} active contracts (4 commands each, untimed)`, commands: CONTRACTS * 4 + 5, 'commands/s': rate(CONTRACTS * 4 + 5, setupNs) },
      { measure: 'RecordSlaMeasurement via CommandBus, 1 at a time (run 1)', commands: COMMANDS, 'commands/s': bus1 },
      { measure: 'RecordSlaMeasurement via CommandBus, 1 at a time (run 2)', commands: COMMANDS, 'commands/s': bus1b },
      { measure: '  same, straight to CommandGateway.contract', commands: COMMANDS, 'commands/s': gw1 },
      { measure: '  same via CommandBus, 16 in flight', commands: COMMANDS, 'commands/s': bus16 },
      { measure: `bar: >= ${BAR.toLocaleString('en-US')} commands/s (best 1-at-a-time run via the bus)`, commands: null, 'commands/s': commandsPerSec },
    ];
    printTable(`Write path in process (sqlite temp dir, WAL, synchronous=NORMAL; ${CONTRACTS} contracts, one event per command)`, table);
    printJsonLine({ commandsPerSec });
  } finally {
    await app?.close();
    temp.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
