/** The bounds the backend sets on an unfavourable decision's motivation (instruction router). */
export const MOTIVATION_MIN = 10;
export const MOTIVATION_MAX = 4000;

/** What is wrong with a motivation, as a locale key; null when it can be sent. */
export function motivationProblem(
  text: string,
): 'decision.unfavorable.tooShort' | 'decision.unfavorable.tooLong' | null {
  const length = text.trim().length;
  if (length < MOTIVATION_MIN) return 'decision.unfavorable.tooShort';
  return length > MOTIVATION_MAX ? 'decision.unfavorable.tooLong' : null;
}
