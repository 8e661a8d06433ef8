import { ConfigError, loadConfig } from './covenant-config';

describe('configuration', () => {
  it('defaults to the embedded sqlite store in ./data on 127.0.0.1:3000', () => {
    const c = loadConfig({}, '/srv/covenant');
    expect(c).toMatchObject({ store: 'sqlite', dataDir: '/srv/covenant/data', port: 3000, host: '127.0.0.1', sqliteSynchronous: 'NORMAL', readModels: 'sqlite' });
  });

  it('stops start-up on a wrong store naming the variable and what it accepts', () => {
    expect(() => loadConfig({ COVENANT_STORE: 'mysql' })).toThrow(ConfigError);
    expect(() => loadConfig({ COVENANT_STORE: 'mysql' })).toThrow(/COVENANT_STORE.*sqlite \| postgres \| eventstoredb/);
  });

  it('requires DATABASE_URL for the postgres store', () => {
    expect(() => loadConfig({ COVENANT_STORE: 'postgres' })).toThrow(/DATABASE_URL/);
    expect(loadConfig({ COVENANT_STORE: 'postgres', DATABASE_URL: 'postgres://u:p@h:5432/d' })).toMatchObject({ store: 'postgres', readModels: 'postgres' });
  });

  it('requires an esdb connection string for the eventstoredb store', () => {
    expect(() => loadConfig({ COVENANT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_CONNECTION_STRING/);
    expect(() => loadConfig({ COVENANT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'http://x' })).toThrow(/esdb:\/\//);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['COVENANT_SQLITE_SYNCHRONOUS', 'OFF'],
    ['LOG_LEVEL', 'verbose'],
    ['DATABASE_URL', 'mysql://x'],
  ])('rejects %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it('keeps an absolute data dir as given', () => {
    expect(loadConfig({ COVENANT_DATA_DIR: '/var/lib/covenant' }).dataDir).toBe('/var/lib/covenant');
  });
});
