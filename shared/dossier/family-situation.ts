/** « Quelle est votre situation familiale actuelle ? » — the choices of the form, in its order. */
export const FAMILY_SITUATIONS = ['single', 'cohabiting', 'divorced', 'married', 'pacsed'] as const;

export type FamilySituation = (typeof FAMILY_SITUATIONS)[number];

/** The guide's list reads « Concubin(ne) » (not « Concubin(e) »): kept word for word. */
export const FAMILY_SITUATION_LABELS: Readonly<Record<FamilySituation, string>> = {
  single: 'Célibataire',
  cohabiting: 'Concubin(ne)',
  divorced: 'Divorcé(e)',
  married: 'Marié(e)',
  pacsed: 'Pacsé(e)',
};

/** These situations ask for « Date de début de l'union » and « Pays de l'union ». */
export const UNION_SITUATIONS = ['married', 'pacsed'] as const satisfies readonly FamilySituation[];

export const OTHER_SITUATIONS = [
  'single',
  'cohabiting',
  'divorced',
] as const satisfies readonly FamilySituation[];
