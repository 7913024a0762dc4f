/** Every text of the agent's screens. Domain labels (statuses, documents) come from shared/. */
export const fr = {
  app: {
    name: 'Instructeur',
    tagline: 'Instruction des demandes de titre de séjour',
    ministry: 'Ministère de l’Intérieur',
    motto: 'Liberté\nÉgalité\nFraternité',
  },
  login: {
    title: 'Connexion agent',
    intro: 'Connectez-vous avec votre identifiant d’agent instructeur.',
    login: 'Identifiant',
    password: 'Mot de passe',
    showPassword: 'Afficher le mot de passe',
    hidePassword: 'Masquer le mot de passe',
    submit: 'Se connecter',
    required: 'Ce champ est obligatoire.',
    demoTitle: 'Mode démonstration',
    demoIntro:
      'Aucun portail n’est configuré : ce poste utilise des comptes de démonstration de la préfecture du Nord.',
    demoRole: { agent: 'Agent instructeur', supervisor: 'Chef de bureau' },
    demoUse: 'Utiliser ce compte',
  },
  frame: {
    logout: 'Se déconnecter',
    role: { agent: 'Agent instructeur', supervisor: 'Chef de bureau' },
    service: 'Préfecture – service {code}',
    queue: 'File des dossiers',
  },
  sync: {
    notConfigured: 'Synchronisation : aucun portail configuré',
    notConfiguredHelp:
      'Les dossiers apparaîtront après la première synchronisation avec le portail des usagers.',
  },
  queue: {
    title: 'File des dossiers',
    filters: { all: 'Tous', mine: 'Mes dossiers', unassigned: 'Non attribués' },
    status: 'État',
    anyStatus: 'Tous les états',
    columns: {
      applicationNumber: 'N° de la demande',
      applicant: 'Demandeur',
      foreignerNumber: 'N° étranger',
      submittedAt: 'Déposée le',
      status: 'État',
      implicitRejection: 'Rejet implicite le',
      assignee: 'Attribuée à',
    },
    unassigned: 'Non attribué',
    emptyTitle: 'Aucun dossier dans la file',
    emptyText:
      'Les demandes déposées en ligne par les usagers de votre service apparaîtront ici après la synchronisation.',
    emptyFilteredTitle: 'Aucun dossier ne correspond à ce filtre',
    emptyFilteredText: 'Modifiez ou retirez le filtre pour voir les autres dossiers.',
    resetFilters: 'Retirer les filtres',
    count: 'Aucun dossier | 1 dossier | {n} dossiers',
  },
  errors: {
    offline:
      'Le service local ne répond pas. Vérifiez que l’application est bien lancée, puis réessayez.',
    unexpected: 'Une erreur inattendue est survenue.',
  },
};
