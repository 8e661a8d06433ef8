import { Command } from 'commander';
import { ROLES, Role, TOKEN_ID, UNSCOPED_ROLES } from '@covenant/application/auth/principal';
import { mintToken, tokenKeysFrom } from '@covenant/application/auth/tokens';
import { loadConfig } from '@covenant/application/config/covenant-config';

const MAX_TTL_SECONDS = 366 * 86_400;
const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90`, `90s`, `30m`, `8h`, `30d` → seconds; throws with the accepted forms. */
export function parseTtl(raw: string): number {
  const m = /^(\d{1,9})([smhd]?)$/.exec(raw.trim());
  const seconds = m ? Number(m[1]) * UNITS[m[2] || 's'] : NaN;
  if (!(seconds >= 1 && seconds <= MAX_TTL_SECONDS)) throw new Error(`--ttl accepts a duration such as 3600, 30m, 8h or 30d (at most 366d); got ${JSON.stringify(raw)}`);
  return seconds;
}

const collect = (value: string, previous: string[]): string[] => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

interface TokenOptions {
  role: string;
  subject?: string;
  partnership: string[];
  party: string[];
  ttl: string;
}

/** Checks the options and returns the claims, or throws with what is wrong. */
export function tokenClaimsFrom(o: TokenOptions): { sub: string; role: Role; partnerships: string[]; parties: string[]; ttlSeconds: number } {
  if (!(ROLES as readonly string[]).includes(o.role)) throw new Error(`--role accepts ${ROLES.join(' | ')}; got ${JSON.stringify(o.role)}`);
  const role = o.role as Role;
  const sub = o.subject ?? role;
  for (const [flag, ids] of [['--subject', [sub]], ['--partnership', o.partnership], ['--party', o.party]] as const) {
    const bad = ids.find((id) => !TOKEN_ID.test(id));
    if (bad !== undefined) throw new Error(`${flag} takes ids of 1-200 letters, digits and ._:@- ; got ${JSON.stringify(bad)}`);
  }
  const scoped = o.partnership.length + o.party.length > 0;
  if (UNSCOPED_ROLES.includes(role) && scoped) throw new Error(`an ${role} token reaches every partnership: drop --partnership and --party`);
  if (!UNSCOPED_ROLES.includes(role) && !scoped) throw new Error(`a ${role} token needs at least one --partnership or --party (it reaches only those)`);
  return { sub, role, partnerships: [...new Set(o.partnership)], parties: [...new Set(o.party)], ttlSeconds: parseTtl(o.ttl) };
}

export function registerTokenCommand(program: Command): void {
  program
    .command('token')
    .description('Mint a bearer token for this deployment (signed with its key) and print it on stdout')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--subject <personId>', 'the person the token speaks for: the actor recorded in events and checked for decision rights (default: the role name)')
    .option('--partnership <id>', 'a partnership the token reaches (repeat or comma-separate)', collect, [])
    .option('--party <id>', 'a party the token acts for: reaches every partnership of that party (repeat or comma-separate)', collect, [])
    .option('--ttl <duration>', 'validity: seconds, or 30m, 8h, 30d (at most 366d)', '8h')
    .addHelpText('after', '\nExample: export TOKEN=$(covenant token --role admin --ttl 1h); curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:3000/contracts')
    .action(async (opts: TokenOptions) => {
      let claims: ReturnType<typeof tokenClaimsFrom>;
      try {
        claims = tokenClaimsFrom(opts);
      } catch (err) {
        process.stderr.write(`covenant token: ${(err as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      const keys = tokenKeysFrom(loadConfig());
      if (!keys.signKey) {
        process.stderr.write('covenant token: this deployment checks EdDSA/RS256 tokens with COVENANT_JWT_PUBLIC_KEY only; set COVENANT_JWT_PRIVATE_KEY to mint them here\n');
        process.exitCode = 2;
        return;
      }
      const token = await mintToken(keys, claims);
      const expires = new Date(Date.now() + claims.ttlSeconds * 1000).toISOString();
      const reach = claims.partnerships.length + claims.parties.length === 0 ? 'every partnership' : [...claims.partnerships.map((p) => `partnership ${p}`), ...claims.parties.map((p) => `party ${p}`)].join(', ');
      process.stderr.write(`${claims.role} token for ${claims.sub} (${keys.algorithm}), reaching ${reach}, valid until ${expires}\n`);
      process.stdout.write(`${token}\n`);
    });
}
