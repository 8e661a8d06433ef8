import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import { verifyBundle } from '@covenant/event-store/bundle/verify-bundle';
import { SQLITE_EVENTS_FILE } from '@covenant/application/store/create-event-store';
import { prng } from '@covenant/application/demo/prng';
import { appendDated, LONG_CONTRACT_ID, LONG_CONTRACT_STREAM, longContractHistory } from '@covenant/application/replay/test-support/long-contract';

jest.setTimeout(120_000);

const root = join(__dirname, '..', '..', '..', '..');
const covenant = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], { cwd: root, env: { ...process.env, LOG_LEVEL: 'error', ...env }, encoding: 'utf8', timeout: 60_000 });

describe('covenant export and covenant verify-bundle', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let bundleFile: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'covenant-export-'));
    env = { COVENANT_DATA_DIR: dataDir };
    bundleFile = join(dataDir, 'msa.bundle.json');
    let now = '2024-12-01T00:00:00.000Z';
    const store = new SqliteEventStore({ file: join(dataDir, SQLITE_EVENTS_FILE), clock: () => new Date(now) });
    await store.appendToStream('partnership-other', [{ type: 'Noted', data: { note: '<script>alert(1)</script>' } }]);
    await appendDated(store, longContractHistory(40), (at) => (now = at));
    await store.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exports a stream (issuing the covering checkpoint) and verifies it offline, with and without a pinned key', () => {
    const exported = covenant(['export', '--stream', LONG_CONTRACT_STREAM, '--out', bundleFile], env);
    expect({ status: exported.status, stdout: exported.stdout }).toEqual({ status: 0, stdout: `Exported 40 events of ${LONG_CONTRACT_STREAM} to ${bundleFile} (checkpoint tree size 41).\n` });
    const bundle = JSON.parse(readFileSync(bundleFile, 'utf8'));
    expect(bundle.events[0]).toMatchObject({ specversion: '1.0', source: `covenant:${LONG_CONTRACT_STREAM}`, type: 'ContractDrafted', datacontenttype: 'application/json', position: 2, version: 0, prevhash: '' });
    expect(bundle.reportHtml).toMatch(/^<!doctype html>/);
    // No database from here on: the data dir is not even given.
    expect(covenant(['verify-bundle', bundleFile], {})).toMatchObject({ status: 0, stdout: 'OK 40 events, checkpoint tree size 41\n' });
    const pem = join(dataDir, 'key.pem');
    writeFileSync(pem, bundle.publicKeyPem);
    expect(covenant(['verify-bundle', bundleFile, '--public-key', pem], {})).toMatchObject({ status: 0 });
    writeFileSync(pem, generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }));
    expect(covenant(['verify-bundle', bundleFile, '--public-key', pem], {})).toMatchObject({ status: 1, stdout: 'FAILED: the bundled public key is not the expected key\n' });
    expect(covenant(['export', '--stream', `contract-nope`, '--out', join(dataDir, 'x')], env)).toMatchObject({ status: 1, stderr: 'covenant export: no stream contract-nope\n' });
  });

  it('fails verify-bundle for every single changed byte, sampled across the file', () => {
    const bytes = readFileSync(bundleFile);
    expect(verifyBundle(bytes.toString('utf8'))).toEqual({ ok: true, events: 40, treeSize: 41 });
    const rnd = prng(5);
    const failures = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const at = i < 400 ? Math.floor((i / 400) * bytes.length) : rnd.int(0, bytes.length - 1);
      const flipped = Buffer.from(bytes);
      flipped[at] = (flipped[at] + rnd.int(1, 255)) % 256;
      const result = verifyBundle(flipped.toString('utf8'));
      expect({ at, ok: result.ok }).toEqual({ at, ok: false });
      if (!result.ok) failures.add(result.failure.replace(/[\d(].*$/, ''));
    }
    expect(failures.size).toBeGreaterThan(1);
    const last = Buffer.from(bytes);
    last[bytes.length - 10] ^= 1;
    writeFileSync(bundleFile, last);
    expect(covenant(['verify-bundle', bundleFile], {})).toMatchObject({ status: 1, stdout: expect.stringMatching(/^FAILED: /) });
  });

  it('rejects a parseable bundle whose meaning changed: an event payload, a proof, the order of events', () => {
    const text = covenant(['export', '--stream', LONG_CONTRACT_STREAM, '--out', bundleFile], env).status === 0 ? readFileSync(bundleFile, 'utf8') : '';
    const edit = (f: (b: { events: Array<{ data: { title?: string } }>; proofs: Array<{ proof: string[] }> }) => void): string => {
      const b = JSON.parse(text);
      f(b);
      return `${JSON.stringify(b, null, 2)}\n`;
    };
    expect(verifyBundle(text).ok).toBe(true);
    expect(verifyBundle(edit((b) => (b.events[1].data = { ...b.events[1].data, title: 'x' })))).toEqual({ ok: false, failure: expect.stringMatching(/^event 1 \(position 3\): hash mismatch/) });
    expect(verifyBundle(edit((b) => b.proofs[5].proof.reverse()))).toEqual({ ok: false, failure: expect.stringMatching(/^event 5 .*inclusion proof/) });
    expect(verifyBundle(edit((b) => b.events.reverse()))).toEqual({ ok: false, failure: expect.stringMatching(/^event 0 .*version 39, expected 0/) });
    expect(LONG_CONTRACT_ID).toBe('msa-acme-globex');
  });
});
