import type { ContractEvent } from '@covenant/domain';
import { MAX_LIMIT, Page, PageRequest } from '../pagination';
import type { PartnershipScope } from '../partnership-scope';

/** A list query with its scope, a page and (when the list has that filter) the user's `partnershipId`. */
export type ScopedList<T> = (scope: PartnershipScope, page: PageRequest, partnershipId?: string) => Promise<Page<T>>;

export interface ScopeLawsOptions<T> {
  key: (item: T) => string;
  partnershipOf: (item: T) => string;
  /** Two partnerships that both have items in the list. */
  mine: string;
  theirs: string;
  /** Small enough that the two partnerships' items span several pages. */
  pageSize: number;
  /** Whether the list takes a `partnershipId` filter from the user. */
  partnershipFilter: boolean;
}

const NOTHING = { items: [], nextCursor: null };

/** The contract builders draft in acme-globex; the same contract drafted in another partnership. */
export const draftedIn = (partnershipId: string, events: readonly ContractEvent[]): ContractEvent[] =>
  events.map((e) => (e.type === 'ContractDrafted' ? { ...e, data: { ...e.data, partnershipId } } : e));

async function everyPage<T>(list: ScopedList<T>, scope: PartnershipScope, pageSize: number): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await list(scope, { limit: pageSize, cursor }, undefined);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor !== undefined);
  return { items, pages };
}

/**
 * What a list owes a scoped caller: no scope sees both partnerships; a scope of one sees exactly that
 * one's items, in the same order, page by page, and nothing naming the other; a scope of both pages
 * through both without skipping or repeating; an empty scope, or one of an unknown partnership, sees
 * nothing; and a `partnershipId` filter cannot reach outside the scope.
 */
export async function expectListWithinScope<T>(list: ScopedList<T>, o: ScopeLawsOptions<T>): Promise<void> {
  const all = await list(undefined, { limit: MAX_LIMIT }, undefined);
  expect(all.nextCursor).toBeNull();
  const keysOf = (...partnerships: string[]) => all.items.filter((i) => partnerships.includes(o.partnershipOf(i))).map(o.key);
  expect(keysOf(o.mine).length).toBeGreaterThan(0);
  expect(keysOf(o.theirs).length).toBeGreaterThan(0);

  const one = await everyPage(list, [o.mine], o.pageSize);
  expect(one.items.map(o.key)).toEqual(keysOf(o.mine));
  expect(JSON.stringify(one.items)).not.toContain(o.theirs);

  const both = await everyPage(list, [o.mine, o.theirs], o.pageSize);
  expect(both.items.map(o.key)).toEqual(keysOf(o.mine, o.theirs));
  expect(both.pages).toBeGreaterThan(1);

  expect(await list([], { limit: MAX_LIMIT }, undefined)).toEqual(NOTHING);
  expect(await list(['no-such-partnership'], { limit: MAX_LIMIT }, undefined)).toEqual(NOTHING);

  if (o.partnershipFilter) {
    expect((await list(undefined, { limit: MAX_LIMIT }, o.theirs)).items.map(o.key)).toEqual(keysOf(o.theirs));
    expect(await list([o.mine], { limit: MAX_LIMIT }, o.theirs)).toEqual(NOTHING);
    expect(await list([], { limit: MAX_LIMIT }, o.mine)).toEqual(NOTHING);
    expect((await list([o.mine], { limit: MAX_LIMIT }, o.mine)).items.map(o.key)).toEqual(keysOf(o.mine));
  }
}
