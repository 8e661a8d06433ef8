import { ConfigError, loadConfig } from './covenant-config';

const SECRET = 'a-webhook-secret-of-at-least-32-chars!';

describe('webhook configuration', () => {
  it('webhooks are off by default, with 8 attempts starting 10 s apart', () => {
    const c = loadConfig({}, '/srv');
    expect(c.webhookUrl).toBeUndefined();
    expect(c.webhookSecret).toBeUndefined();
    expect([c.webhookMaxAttempts, c.webhookBackoffSeconds]).toEqual([8, 10]);
  });

  it('a URL with a secret turns them on; the secret is never printed', () => {
    const c = loadConfig({ COVENANT_WEBHOOK_URL: 'https://hooks.example.com/covenant', COVENANT_WEBHOOK_SECRET: SECRET, COVENANT_WEBHOOK_MAX_ATTEMPTS: '3', COVENANT_WEBHOOK_BACKOFF_SECONDS: '1' }, '/srv');
    expect(c.webhookUrl).toBe('https://hooks.example.com/covenant');
    expect(c.webhookSecret?.value()).toBe(SECRET);
    expect(JSON.stringify(c)).not.toContain(SECRET);
    expect(String(c.webhookSecret)).not.toContain(SECRET);
    expect([c.webhookMaxAttempts, c.webhookBackoffSeconds]).toEqual([3, 1]);
  });

  it.each([
    [{ COVENANT_WEBHOOK_URL: 'ftp://hooks.example.com', COVENANT_WEBHOOK_SECRET: SECRET }, 'COVENANT_WEBHOOK_URL'],
    [{ COVENANT_WEBHOOK_URL: 'not a url', COVENANT_WEBHOOK_SECRET: SECRET }, 'COVENANT_WEBHOOK_URL'],
    [{ COVENANT_WEBHOOK_URL: 'https://hooks.example.com' }, 'COVENANT_WEBHOOK_SECRET'],
    [{ COVENANT_WEBHOOK_URL: 'https://hooks.example.com', COVENANT_WEBHOOK_SECRET: 'short' }, 'COVENANT_WEBHOOK_SECRET'],
    [{ COVENANT_WEBHOOK_SECRET: SECRET }, 'COVENANT_WEBHOOK_URL'],
    [{ COVENANT_WEBHOOK_MAX_ATTEMPTS: '0' }, 'COVENANT_WEBHOOK_MAX_ATTEMPTS'],
    [{ COVENANT_WEBHOOK_BACKOFF_SECONDS: 'soon' }, 'COVENANT_WEBHOOK_BACKOFF_SECONDS'],
  ])('a wrong webhook setting stops start-up naming the variable (%j)', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env, '/srv');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).not.toContain(SECRET);
  });
});
