import { describe, expect, it } from 'vitest';
import {
  FAMILY_SITUATION_LABELS,
  FAMILY_SITUATIONS,
  OTHER_SITUATIONS,
  UNION_SITUATIONS,
} from './family-situation';

describe('family situations', () => {
  it('lists the form’s choices with its labels, in its order', () => {
    expect(FAMILY_SITUATIONS.map((situation) => FAMILY_SITUATION_LABELS[situation])).toEqual([
      'Célibataire',
      'Concubin(ne)',
      'Divorcé(e)',
      'Marié(e)',
      'Pacsé(e)',
    ]);
  });

  it('splits them into those with a union to describe and the others', () => {
    expect([...OTHER_SITUATIONS, ...UNION_SITUATIONS].sort()).toEqual(
      [...FAMILY_SITUATIONS].sort(),
    );
    expect(UNION_SITUATIONS).toEqual(['married', 'pacsed']);
  });
});
