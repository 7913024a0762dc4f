import { describe, expect, it } from 'vitest';
import { CLOSURE_CONSEQUENCES } from './closure-consequences';
import { MOTIVATION_TEMPLATES } from './motivation-templates';

describe('MOTIVATION_TEMPLATES', () => {
  it('offers distinct labels and texts that fit an unfavourable decision (10 to 4,000 characters)', () => {
    expect(MOTIVATION_TEMPLATES.length).toBeGreaterThanOrEqual(3);
    expect(new Set(MOTIVATION_TEMPLATES.map((t) => t.label)).size).toBe(
      MOTIVATION_TEMPLATES.length,
    );
    for (const { label, text } of MOTIVATION_TEMPLATES) {
      expect(label.trim()).toBe(label);
      expect(text.trim().length).toBeGreaterThanOrEqual(10);
      expect(text.length).toBeLessThanOrEqual(4000);
    }
  });

  it('speaks to the applicant and names the rule applied', () => {
    for (const { text } of MOTIVATION_TEMPLATES) expect(text).toMatch(/\b(vous|votre|vos)\b/i);
    expect(MOTIVATION_TEMPLATES[1]!.text).toContain('L. 425-1');
  });
});

describe('CLOSURE_CONSEQUENCES', () => {
  it('states that each closure is final and calls for a new application', () => {
    for (const sentence of Object.values(CLOSURE_CONSEQUENCES)) {
      expect(sentence).toContain('Cette clôture est définitive.');
      expect(sentence).toContain('nouvelle demande');
    }
  });
});
