import { runStory } from '@covenant/testing/domain-story';
import { ACME, GLOBEX, masterTerms, MSA_ID } from '@covenant/testing/builders';
import { contractEvent } from '../contract/contract.events';
import { summarise } from './summarise';

describe('Timeline summaries', () => {
  it('every event of a whole story has a one-line human summary', () => {
    for (const e of Object.values(runStory().streams).flat()) {
      const line = summarise(e);
      expect(line.length).toBeGreaterThan(10);
      expect(line).not.toMatch(/\n|undefined|\[object/);
    }
  });
  it('names come from the caller when known, ids otherwise', () => {
    const signed = contractEvent('ContractSigned', { contractId: MSA_ID, partyId: ACME.partyId, signatoryName: 'Erin Exec' });
    const names = { party: (id: string) => [ACME, GLOBEX].find((p) => p.partyId === id)?.name, contract: () => masterTerms().title };
    expect(summarise(signed, names)).toBe('Acme Corp signed Master Services Agreement (signatory Erin Exec)');
    expect(summarise(signed)).toBe(`acme signed contract ${MSA_ID} (signatory Erin Exec)`);
  });
});
