import { Injectable } from '@nestjs/common';
import { isUnscoped, Principal } from '@covenant/application/auth/principal';
import { LookupIndex } from '@covenant/application/lookup/lookup-index';
import { ReadModelSource } from '@covenant/projections/framework/read-model-source';
import { containsId } from '@covenant/projections/read-models/partnerships/partnerships.queries';
import type { ResourceKind } from './access-policy';

/**
 * Answers the two questions scoping needs: which partnerships a token reaches, and which partnership a
 * resource belongs to. A party named in a token reaches every partnership that party belongs to. The
 * owner of a resource comes from the lookup index, written in the append's transaction, so a resource
 * created by the previous command is already known.
 */
@Injectable()
export class ScopeResolver {
  constructor(
    private readonly lookup: LookupIndex,
    private readonly source: ReadModelSource,
  ) {}

  /** The partnership ids a scoped principal reaches, sorted; undefined for admin and auditor (all). */
  async partnershipsOf(p: Principal): Promise<readonly string[] | undefined> {
    if (isUnscoped(p)) return undefined;
    const ids = new Set(p.partnerships);
    if (p.parties.length > 0) {
      const qb = this.source.table<{ partnership_id: string }>('rm_partnerships').select('t.partnership_id', 'partnership_id');
      const clauses = p.parties.map((_, i) => containsId('t.party_ids', `party${i}`));
      qb.where(`(${clauses.join(' OR ')})`, Object.fromEntries(p.parties.map((party, i) => [`party${i}`, `,${party},`])));
      for (const row of await qb.getRawMany<{ partnership_id: string }>()) ids.add(row.partnership_id);
    }
    return [...ids].sort();
  }

  /** The partnership of a resource; null when there is no such resource (or it has none). */
  async partnershipOf(kind: ResourceKind, id: string): Promise<string | null> {
    if (kind === 'partnership') return id;
    return this.lookup.partnershipOf(kind, id);
  }
}
