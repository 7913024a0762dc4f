import { paragraphs, plainText, type Paragraph } from './paragraphs';

/**
 * The e-mails of the guide, word for word (sections 4, « Confirmation » and « Instruction de la
 * demande »). The guide shows no subjects: they are ours, kept short and factual.
 */
export type Email = Readonly<{ subject: string; paragraphs: readonly Paragraph[]; body: string }>;

const CLOSING = paragraphs(
  'Cordialement,',
  'La Direction Générale des Etrangers en France',
  'Ce message est généré automatiquement, merci de ne pas y répondre.',
);

function email(subject: string, content: readonly Paragraph[]): Email {
  const all = [...content, ...CLOSING];
  return { subject, paragraphs: all, body: plainText(all) };
}

/** Sent when the account is created; the link leads to the choice of the password. */
export function accountActivationEmail(input: {
  displayName: string;
  activationUrl: string;
}): Email {
  return email('Confirmation de votre adresse e-mail', [
    { text: `Bonjour ${input.displayName},` },
    {
      text: "La création du compte d'accès à votre espace personnel usager ou de l'utilisateur que vous représentez est en cours.",
    },
    {
      text: 'Pour déposer votre demande vous devez confirmer votre adresse e-mail en cliquant sur le lien ci-dessous :',
    },
    { text: input.activationUrl, href: input.activationUrl },
    {
      text: "Si le lien ne fonctionne pas, vous pouvez le copier et le coller dans la barre d'adresse de votre navigateur.",
    },
    {
      text: "Pour des raisons de sécurité, ce lien n'est valable que 24 heures. Passé ce délai, vous devrez de nouveau renseigner les informations relatives à la création de votre compte sur la page de connexion accessible ici.",
    },
  ]);
}

/** Sent when the application is filed; the deposit confirmation (PDF) goes with it. */
export function depositAcknowledgmentEmail(input: { displayName: string }): Email {
  return email('Enregistrement de votre demande de titre de séjour', [
    { text: `Bonjour ${input.displayName},` },
    {
      text: "Votre demande de titre de séjour a bien été enregistrée. Elle sera instruite par les services de l'Etat.",
    },
    {
      text: "Vous serez informé(e) de l'état d'avancement de votre dossier et, si nécessaire, d'une demande de pièces complémentaires, par message électronique vous invitant à vous connecter à votre espace sur le site de l'administration numérique pour les étrangers en France.",
    },
  ]);
}

/** Sent for every notification (supplement request, prolongation, decision): it never says which. */
export function notificationEmail(input: { loginUrl: string }): Email {
  return email('Nouvelle notification dans votre espace personnel', [
    { text: 'Bonjour,' },
    {
      text: 'Vous venez de recevoir une notification, elle est accessible depuis votre espace personnel, pour y accéder vous pouvez cliquer sur le lien suivant :',
    },
    { text: 'Se connecter', href: input.loginUrl },
  ]);
}
