import { healthIndex, stageWeights } from './health-index';
import { AssessmentRecord } from '../partnership.state';
import { LIFE_STAGES } from '../partnership.events';

const a = (assessmentId: string, assessedAt: string, operational: number, relational: number, strategic: number): AssessmentRecord => ({ assessmentId, assessedAt, scores: { operational, relational, strategic } });
const ASSESSMENTS = [a('q4', '2024-12-15T10:00:00Z', 60, 60, 60), a('q1', '2025-03-20T10:00:00Z', 90, 70, 40), a('survey', '2025-03-25T10:00:00Z', 70, 50, 60)];
const AS_OF = '2025-03-31T00:00:00Z';

describe('Partnership health index', () => {
  it('weights sum to 100 at every life stage', () => {
    for (const s of LIFE_STAGES) {
      const w = stageWeights(s);
      expect(w.operational + w.relational + w.strategic).toBe(100);
    }
  });
  it('forming weighs operational most, operating is balanced, renewing weighs strategic most', () => {
    expect(stageWeights('forming').operational).toBeGreaterThan(Math.max(stageWeights('forming').relational, stageWeights('forming').strategic));
    const op = stageWeights('operating');
    expect(Math.max(op.operational, op.relational, op.strategic) - Math.min(op.operational, op.relational, op.strategic)).toBeLessThanOrEqual(1);
    expect(stageWeights('renewing').strategic).toBeGreaterThan(Math.max(stageWeights('renewing').operational, stageWeights('renewing').relational));
  });
  it('the index averages the assessments of the trailing quarter, weighted by stage, and names the assessments it came from', () => {
    const forming = healthIndex(ASSESSMENTS, 'forming', AS_OF);
    expect(forming).toMatchObject({ assessmentIds: ['q1', 'survey'], dimensions: { operational: 80, relational: 60, strategic: 50 }, index: 68 });
    const renewing = healthIndex(ASSESSMENTS, 'renewing', AS_OF);
    expect(renewing).toMatchObject({ assessmentIds: ['q1', 'survey'], index: 59 });
  });
  it('the same scores give a different index at a different life stage', () => {
    const scores = [a('x', '2025-03-20T10:00:00Z', 90, 50, 30)];
    expect(healthIndex(scores, 'forming', AS_OF).index).toBe(66);
    expect(healthIndex(scores, 'renewing', AS_OF).index).toBe(48);
  });
  it('no assessment in the window, no index', () => {
    expect(healthIndex(ASSESSMENTS, 'operating', '2026-01-01T00:00:00Z')).toMatchObject({ index: null, assessmentIds: [] });
  });
  it('the window is (asOf - 90 days, asOf]: an assessment exactly at asOf counts', () => {
    expect(healthIndex(ASSESSMENTS, 'operating', '2025-03-25T10:00:00Z').assessmentIds).toEqual(['q1', 'survey']);
    expect(healthIndex(ASSESSMENTS, 'operating', '2025-03-25T09:59:59.999Z').assessmentIds).toEqual(['q1']);
  });
});
