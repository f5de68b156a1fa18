/**
 * The pass rule: from the evaluators' scores of the two aspects to a result,
 * with the rule of the case's level (a policy parameter). Pure.
 */
import type { PassRule } from './policy';
import { ASPECTS, type Aspect } from './vocabulary';

/** One evaluator's score of one aspect. */
export interface AspectScore {
  readonly aspect: Aspect;
  readonly evaluatorId: string;
  readonly percent: number;
}

export interface AspectVerdict {
  readonly aspect: Aspect;
  readonly scores: readonly number[];
  readonly passed: boolean;
}

/** Whether one aspect's scores pass under the rule. An aspect without scores does not pass. */
export function aspectPasses(percents: readonly number[], rule: PassRule): boolean {
  if (percents.length === 0) return false;
  switch (rule.kind) {
    case 'every_evaluator_at_least':
      return percents.every((p) => p >= rule.minPercent);
    case 'average_at_least':
      // compare sums, not a rounded mean: 3 × 70 passes exactly
      return percents.reduce((a, b) => a + b, 0) >= rule.minPercent * percents.length;
    case 'majority_at_least':
      return percents.filter((p) => p >= rule.minPercent).length * 2 > percents.length;
  }
}

/** The verdict per aspect, and the result: it passes only when every aspect does. */
export function evaluationVerdict(scores: readonly AspectScore[], rule: PassRule): { aspects: AspectVerdict[]; passed: boolean } {
  const aspects = ASPECTS.map((aspect) => {
    const percents = scores.filter((s) => s.aspect === aspect).map((s) => s.percent);
    return { aspect, scores: percents, passed: aspectPasses(percents, rule) };
  });
  return { aspects, passed: aspects.every((a) => a.passed) };
}
