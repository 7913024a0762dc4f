/**
 * Motivations an agent starts an unfavourable decision from. Ours, not the guide's (it shows no
 * refusal): they follow « …a été refusée pour les motifs suivants : » in the notification the
 * applicant reads, so they speak to the applicant (« vous ») and name the rule. The agent
 * completes them with the facts of the dossier; free text is always possible.
 */
export const MOTIVATION_TEMPLATES: readonly Readonly<{ label: string; text: string }>[] = [
  {
    label: 'Pièces manquantes après demande de complément',
    text: "Malgré la demande de complément qui vous a été adressée, votre dossier ne comporte pas les pièces justificatives exigées par l'article R. 431-10 du code de l'entrée et du séjour des étrangers et du droit d'asile. Les pièces suivantes n'ont pas été fournies : ",
  },
  {
    label: 'Ni plainte ni témoignage établis',
    text: "Vous n'avez pas justifié avoir déposé plainte ou témoigné dans une procédure pénale contre une personne que vous accusez d'avoir commis à votre encontre des faits de traite des êtres humains ou de proxénétisme, comme l'exige l'article L. 425-1 du code de l'entrée et du séjour des étrangers et du droit d'asile.",
  },
  {
    label: 'Rupture des liens avec les auteurs non établie',
    text: "Les éléments de votre dossier ne permettent pas d'établir que vous avez rompu tout lien avec les auteurs présumés des infractions, condition prévue par l'article L. 425-1 du code de l'entrée et du séjour des étrangers et du droit d'asile.",
  },
  {
    label: "Menace pour l'ordre public",
    text: "Votre présence en France constitue une menace pour l'ordre public au sens de l'article L. 432-1 du code de l'entrée et du séjour des étrangers et du droit d'asile, pour les motifs suivants : ",
  },
  {
    label: 'Documents non authentiques',
    text: "Les documents suivants, produits à l'appui de votre demande, ne présentent pas de garanties d'authenticité suffisantes : ",
  },
];
