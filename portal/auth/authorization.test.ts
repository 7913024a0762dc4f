import { describe, expect, it } from 'vitest';
import {
  activeApplicant,
  APPLICANT_PASSWORD,
  DAY_MS,
  failure,
  loggedAgent,
  portalClient,
  submitted,
  testClock,
  usePortal,
} from '../testing/harness';
import { PASSWORD_POLICY_MESSAGE } from './password-policy';
import { tokenSha256 } from './tokens';

const clock = testClock();
const server = usePortal({ now: clock.now });
const production = usePortal({ dev: false });

describe('account activation and login', () => {
  it('activates with a password that meets the guide’s policy, once, and logs in by e-mail or number', async () => {
    const anonymous = server.client();
    const created = await anonymous.dev.createApplicant.mutate({
      email: 'Amina.Diallo@Exemple.test',
    });
    expect(created.email).toBe('amina.diallo@exemple.test');
    const [mail] = await anonymous.dev.mailbox.query({ email: created.email });
    expect(mail?.subject).toBe('Confirmation de votre adresse e-mail');
    expect(mail?.body).toContain(`/activation?token=${created.activationToken}`);
    expect(mail?.body).toContain("ce lien n'est valable que 24 heures");

    const before = await failure(
      anonymous.applicant.login.mutate({ login: created.email, password: APPLICANT_PASSWORD }),
    );
    expect(before.data?.code).toBe('UNAUTHORIZED');

    for (const weak of [
      'court-1A',
      'sansmajuscule-1',
      'SANSMINUSCULE-1',
      'Sanschiffre-x',
      'Sansspecial1',
    ]) {
      const refused = await failure(
        anonymous.applicant.activate.mutate({
          token: created.activationToken,
          password: weak.slice(0, weak === 'court-1A' ? 7 : undefined),
        }),
      );
      expect(refused.data?.code).toBe('BAD_REQUEST');
      expect(refused.data?.issues).toEqual([
        { path: 'password', code: 'custom', message: PASSWORD_POLICY_MESSAGE },
      ]);
    }
    expect(PASSWORD_POLICY_MESSAGE).toBe(
      'Votre mot de passe doit faire au moins 8 caractères avec au moins une majuscule, une minuscule, un chiffre et un caractère spécial.',
    );

    const activated = await anonymous.applicant.activate.mutate({
      token: created.activationToken,
      password: APPLICANT_PASSWORD,
    });
    expect(activated).toEqual({
      activated: true,
      foreignerNumber: created.foreignerNumber,
      email: created.email,
    });
    const reused = await failure(
      anonymous.applicant.activate.mutate({
        token: created.activationToken,
        password: 'Autre-mot-2',
      }),
    );
    expect(reused.data?.code).toBe('UNAUTHORIZED');

    const byEmail = await anonymous.applicant.login.mutate({
      login: ' AMINA.DIALLO@exemple.test ',
      password: APPLICANT_PASSWORD,
    });
    const byNumber = await anonymous.applicant.login.mutate({
      login: created.foreignerNumber,
      password: APPLICANT_PASSWORD,
    });
    expect(byEmail.token).not.toBe(byNumber.token);
    const me = await portalClient(server.url, byNumber.token).applicant.me.query();
    expect(me).toMatchObject({ foreignerNumber: created.foreignerNumber, email: created.email });
  });

  it('lets an activation link expire after 24 hours', async () => {
    const created = await server.client().dev.createApplicant.mutate({});
    clock.advance(DAY_MS + 60_000);
    const late = await failure(
      server.client().applicant.activate.mutate({
        token: created.activationToken,
        password: APPLICANT_PASSWORD,
      }),
    );
    expect(late.data?.code).toBe('UNAUTHORIZED');
    expect(late.message).toContain('24 heures');
  });

  it('stores tokens by their SHA-256 only', async () => {
    const applicant = await activeApplicant(server.url);
    const rows = server.portal.db
      .prepare('SELECT token_sha256 FROM tokens')
      .pluck()
      .all() as string[];
    expect(rows).toContain(tokenSha256(applicant.token));
    expect(rows).not.toContain(applicant.token);
    expect(rows).not.toContain(applicant.activationToken);
  });

  it('pauses a login after five failures in a row', async () => {
    const applicant = await activeApplicant(server.url);
    for (let i = 0; i < 5; i++)
      await failure(
        server.client().applicant.login.mutate({ login: applicant.email, password: `Faux-${i}!a` }),
      );
    const locked = await failure(
      server
        .client()
        .applicant.login.mutate({ login: applicant.email, password: APPLICANT_PASSWORD }),
    );
    expect(locked.data?.code).toBe('TOO_MANY_REQUESTS');
  });
});

describe('who may call what', () => {
  it('asks for a session, and says when it has expired', async () => {
    const none = await failure(server.client().applicant.applications.list.query());
    expect(none.data?.code).toBe('UNAUTHORIZED');
    expect(none.message).toBe('Vous devez vous connecter.');
    const forged = await failure(
      portalClient(server.url, 'x'.repeat(43)).applicant.applications.list.query(),
    );
    expect(forged.message).toBe('Votre session a expiré. Veuillez vous reconnecter.');

    const applicant = await activeApplicant(server.url);
    clock.advance(8 * 60 * 60_000 + 1000);
    const expired = await failure(applicant.client.applicant.applications.list.query());
    expect(expired.data?.code).toBe('UNAUTHORIZED');
    expect(expired.message).toBe('Votre session a expiré. Veuillez vous reconnecter.');
  });

  it('ends a session at logout', async () => {
    const applicant = await activeApplicant(server.url);
    await applicant.client.applicant.logout.mutate();
    expect((await failure(applicant.client.applicant.me.query())).data?.code).toBe('UNAUTHORIZED');
  });

  it('never takes an activation link for a session', async () => {
    const created = await server.client().dev.createApplicant.mutate({});
    const error = await failure(
      portalClient(server.url, created.activationToken).applicant.me.query(),
    );
    expect(error.data?.code).toBe('UNAUTHORIZED');
  });

  it('keeps applicants and agents on their own side', async () => {
    const applicant = await activeApplicant(server.url);
    const agent = await loggedAgent(server.url);
    const agentOnApplicant = await failure(agent.client.applicant.applications.list.query());
    expect(agentOnApplicant.data?.code).toBe('FORBIDDEN');
    expect(agentOnApplicant.message).toBe(
      'Cette action est réservée aux usagers connectés à leur espace personnel.',
    );
    const applicantOnBackoffice = await failure(
      applicant.client.backoffice.changes.query({ after: null, limit: 10 }),
    );
    expect(applicantOnBackoffice.data?.code).toBe('FORBIDDEN');
    expect(applicantOnBackoffice.message).toBe(
      'Cette action est réservée aux agents de préfecture.',
    );
    expect(
      (await failure(applicant.client.backoffice.push.mutate({ mutations: [] }))).data?.code,
    ).toBe('FORBIDDEN');
  });

  it('hides another applicant’s applications and notifications', async () => {
    const owner = await activeApplicant(server.url);
    const intruder = await activeApplicant(server.url);
    const { applicationId: draftId } = await owner.client.applicant.applications.create.mutate({
      procedure: 'vpf-teh',
    });
    const { applicationId, applicationNumber } = await submitted(server.url, owner);
    for (const call of [
      () => intruder.client.applicant.applications.get.query({ applicationId: draftId }),
      () =>
        intruder.client.applicant.applications.saveStep.mutate({
          applicationId: draftId,
          step: 'deposit',
          data: {},
        }),
      () => intruder.client.applicant.applications.submit.mutate({ applicationId: draftId }),
      () => intruder.client.applicant.applications.get.query({ applicationId }),
    ]) {
      const error = await failure(call());
      expect(error.data?.code).toBe('NOT_FOUND');
      expect(error.message).toBe("Cette demande n'existe pas ou n'est pas la vôtre.");
    }
    expect(await intruder.client.applicant.applications.list.query()).toEqual([]);

    const agent = await loggedAgent(server.url);
    await agent.client.backoffice.push.mutate({
      mutations: [
        {
          id: crypto.randomUUID(),
          type: 'sendMessage',
          applicationNumber,
          baseVersion: 1,
          at: clock.now().toISOString(),
          payload: { text: 'Bonjour' },
        },
      ],
    });
    const [notice] = await owner.client.applicant.notifications.list.query();
    expect(await intruder.client.applicant.notifications.list.query()).toEqual([]);
    const open = await failure(
      intruder.client.applicant.notifications.open.mutate({ id: notice!.id }),
    );
    expect(open.data?.code).toBe('NOT_FOUND');
    const answer = await failure(
      intruder.client.applicant.supplements.answer.mutate({
        notificationId: notice!.id,
        answers: [{ documentKey: 'identity', action: 'maintain', reason: 'x' }],
      }),
    );
    expect(answer.data?.code).toBe('NOT_FOUND');
    // Not read by the intruder's attempt.
    expect((await owner.client.applicant.notifications.list.query())[0]?.readAt).toBeNull();
  });
});

describe('request size', () => {
  it('refuses a tRPC body over 1 MiB with PAYLOAD_TOO_LARGE', async () => {
    const applicant = await activeApplicant(server.url);
    const { applicationId } = await applicant.client.applicant.applications.create.mutate({
      procedure: 'vpf-teh',
    });
    const error = await failure(
      applicant.client.applicant.applications.saveStep.mutate({
        applicationId,
        step: 'deposit',
        data: { observations: 'x'.repeat(2 * 1024 * 1024) },
      }),
    );
    expect(error.data?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toBe('Les données envoyées sont trop volumineuses.');
  });
});

describe('dev.*', () => {
  it('does not exist without PORTAL_DEV=1', async () => {
    const error = await failure(production.client().dev.createApplicant.mutate({}));
    expect(error.data?.code).toBe('NOT_FOUND');
    const raw = await fetch(
      `${production.url}/trpc/dev.mailbox?input=${encodeURIComponent(JSON.stringify({ email: 'a@b.c' }))}`,
    );
    expect(raw.status).toBe(404);
    expect((await fetch(`${production.url}/healthz`)).status).toBe(200);
  });
});
