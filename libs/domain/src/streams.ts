/** Stream names (ARCHITECTURE.md rule 5): the category is the part before the first '-'. */
export const PARTNERSHIP_CATEGORY = 'partnership';
export const CONTRACT_CATEGORY = 'contract';

export function partnershipStream(partnershipId: string): string {
  return `${PARTNERSHIP_CATEGORY}-${partnershipId}`;
}

export function contractStream(contractId: string): string {
  return `${CONTRACT_CATEGORY}-${contractId}`;
}
