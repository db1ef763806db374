/**
 * Checks of the `reviews` section (SPEC §9) that span keys: a group without `applies-to` takes
 * every account left, so a group after it would never review anyone. Like the other cross-field
 * checks they read the raw document defensively: a value of the wrong type is the schema's to report.
 */
import type { PolicyIssue } from '../errors.js';
import type { PolicySource } from './source.js';

export function reviewIssues(source: PolicySource, file: string): PolicyIssue[] {
  const reviews = record(source.value.reviews);
  const groups = Array.isArray(reviews?.reviewers) ? (reviews.reviewers as unknown[]) : [];
  const catchAll = groups.findIndex(
    (group) => record(group) !== undefined && !('applies-to' in record(group)!),
  );
  if (catchAll < 0) return [];
  return groups.slice(catchAll + 1).flatMap((group, offset) => {
    if (!record(group)) return [];
    const index = catchAll + 1 + offset;
    return [
      {
        file,
        ...source.locate(['reviews', 'reviewers', index]),
        code: 'policy.unreachable-reviewers',
        message: `Reviewer group ${index + 1} comes after group ${catchAll + 1}, which has no \`applies-to\` and so takes every account left: group ${index + 1} would never review anyone.`,
        hint: `move group ${catchAll + 1} to the end of \`reviews.reviewers\`, or give it an \`applies-to\``,
      },
    ];
  });
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
