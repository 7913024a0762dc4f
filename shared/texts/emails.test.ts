import { describe, expect, it } from 'vitest';
import { accountActivationEmail, depositAcknowledgmentEmail, notificationEmail } from './emails';

// Golden texts: copied from the guide (anef-guide-usager-teh.txt), one blank line between paragraphs.
const SIGNATURE = `Cordialement,

La Direction Générale des Etrangers en France

Ce message est généré automatiquement, merci de ne pas y répondre.`;

describe('accountActivationEmail', () => {
  const url =
    'https://qualif.administration-etrangers-en-france.interieur.gouv.fr/particuliers/#/espace-personnel/inscription/mot-de-passe?token=abc';
  const email = accountActivationEmail({ displayName: 'DCEM TEST', activationUrl: url });

  it('is the guide’s section 4 e-mail, word for word', () => {
    expect(email.body).toBe(`Bonjour DCEM TEST,

La création du compte d'accès à votre espace personnel usager ou de l'utilisateur que vous représentez est en cours.

Pour déposer votre demande vous devez confirmer votre adresse e-mail en cliquant sur le lien ci-dessous :

${url}

Si le lien ne fonctionne pas, vous pouvez le copier et le coller dans la barre d'adresse de votre navigateur.

Pour des raisons de sécurité, ce lien n'est valable que 24 heures. Passé ce délai, vous devrez de nouveau renseigner les informations relatives à la création de votre compte sur la page de connexion accessible ici.

${SIGNATURE}`);
  });

  it('marks the activation link as a link, and has a sober subject', () => {
    expect(email.paragraphs).toContainEqual({ text: url, href: url });
    expect(email.subject).toBe('Confirmation de votre adresse e-mail');
  });
});

describe('depositAcknowledgmentEmail', () => {
  it('is the guide’s e-mail sent with the deposit confirmation, word for word', () => {
    const email = depositAcknowledgmentEmail({ displayName: 'DCEM TEST' });
    expect(email.subject).toBe('Enregistrement de votre demande de titre de séjour');
    expect(email.body).toBe(`Bonjour DCEM TEST,

Votre demande de titre de séjour a bien été enregistrée. Elle sera instruite par les services de l'Etat.

Vous serez informé(e) de l'état d'avancement de votre dossier et, si nécessaire, d'une demande de pièces complémentaires, par message électronique vous invitant à vous connecter à votre espace sur le site de l'administration numérique pour les étrangers en France.

${SIGNATURE}`);
  });
});

describe('notificationEmail', () => {
  const loginUrl = 'https://portail.example/connexion';
  const email = notificationEmail({ loginUrl });

  it('is the guide’s « Vous venez de recevoir une notification » e-mail, the link labelled « Se connecter »', () => {
    expect(email.subject).toBe('Nouvelle notification dans votre espace personnel');
    expect(email.body).toBe(`Bonjour,

Vous venez de recevoir une notification, elle est accessible depuis votre espace personnel, pour y accéder vous pouvez cliquer sur le lien suivant :

Se connecter <${loginUrl}>

${SIGNATURE}`);
    expect(email.paragraphs).toContainEqual({ text: 'Se connecter', href: loginUrl });
  });

  it('never names the kind of notification (the applicant reads it once logged in)', () => {
    expect(email.body).not.toMatch(/complément|décision|prolongation/i);
  });
});
