import { StorageError } from '../../db/errors';
import type { AgentRole, AgentRow } from '../../db/portal/agent-repository';
import type { ApplicantRow } from '../../db/portal/applicant-repository';
import type { JsonObject } from '../../db/json-column';
import { accountActivationEmail } from '../../shared/texts/emails';
import {
  activationLinkInvalid,
  agentLoginTaken,
  emailTaken,
  invalidCredentials,
  invalidInput,
  tooManyAttempts,
  zodIssues,
} from '../errors';
import { createLoginThrottle } from '../auth/login-throttle';
import { hashPassword, verifyPassword } from '../auth/password';
import type { PortalDeps } from '../deps';
import {
  civilStatusSchema,
  displayNameOf,
  generateCivilStatus,
  generateForeignerNumber,
} from './national-file';

/** What the portal tells of an agent: never the password hash. */
export interface PublicAgent {
  id: string;
  login: string;
  name: string;
  role: AgentRole;
  serviceCode: string;
  serviceName: string;
}

/** The service's name when a département's service is first needed. */
export function defaultServiceName(code: string): string {
  return `Préfecture – service des étrangers (département ${code})`;
}

/** Logins of the form « prenom.nom », without accents: what a directory would give. */
function loginFromName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
}

export function createAccounts(deps: PortalDeps) {
  const { db, repos, sessions, now } = deps;
  const throttle = createLoginThrottle(() => now().getTime());
  // Unknown logins are checked against this hash too, so timing does not reveal who exists.
  const decoy = hashPassword('décoy-never-matches');

  function publicAgent(agent: AgentRow): PublicAgent {
    const service = repos.agents.findService(agent.serviceCode);
    return {
      id: agent.id,
      login: agent.login,
      name: agent.displayName,
      role: agent.role,
      serviceCode: agent.serviceCode,
      serviceName: service?.name ?? defaultServiceName(agent.serviceCode),
    };
  }

  async function checkPassword(
    key: string,
    password: string,
    hash: string | null | undefined,
  ): Promise<boolean> {
    if (throttle.isLocked(key)) throw tooManyAttempts();
    const valid = await verifyPassword(password, hash ?? (await decoy));
    if (!valid || !hash) {
      throttle.fail(key);
      return false;
    }
    throttle.succeed(key);
    return true;
  }

  return {
    publicAgent,

    /** dev.createApplicant: an entry of the « national file », and the account-activation e-mail. */
    createApplicant(input: { civilStatus?: JsonObject; email?: string }) {
      const parsed = civilStatusSchema.safeParse({
        ...generateCivilStatus(),
        ...(input.civilStatus ?? {}),
      });
      if (!parsed.success) throw invalidInput(zodIssues(parsed.error, 'civilStatus'));
      return db.transaction(() => {
        let foreignerNumber = generateForeignerNumber();
        while (repos.applicants.foreignerNumberTaken(foreignerNumber))
          foreignerNumber = generateForeignerNumber();
        const email = input.email ?? `usager.${foreignerNumber}@exemple.test`;
        const applicant = repos.applicants.create({
          foreignerNumber,
          email,
          civilStatus: parsed.data as unknown as JsonObject,
          createdAt: now(),
        });
        if (!applicant) throw emailTaken();
        const activationToken = sessions.openActivation(applicant.id);
        const mail = accountActivationEmail({
          displayName: displayNameOf(applicant.civilStatus),
          activationUrl: deps.links.activation(activationToken),
        });
        repos.mailbox.send({ to: applicant.email, subject: mail.subject, body: mail.body }, now());
        return { foreignerNumber, email: applicant.email, activationToken };
      })();
    },

    /** dev.createAgent: the agent, and their service when it is the first one of the département. */
    async createAgent(input: {
      name: string;
      role: AgentRole;
      password: string;
      login?: string;
      serviceCode: string;
    }) {
      const passwordHash = await hashPassword(input.password);
      const login = input.login ?? loginFromName(input.name);
      return db.transaction(() => {
        repos.agents.ensureService(
          { code: input.serviceCode, name: defaultServiceName(input.serviceCode) },
          now(),
        );
        try {
          const agent = repos.agents.create({
            login,
            displayName: input.name,
            role: input.role,
            serviceCode: input.serviceCode,
            passwordHash,
            createdAt: now(),
          });
          return { agentId: agent.id, login: agent.login };
        } catch (error) {
          if (error instanceof StorageError && error.code === 'agent_login_taken')
            throw agentLoginTaken(login);
          throw error;
        }
      })();
    },

    /** The password chosen through the e-mailed link; the link is then used up. */
    async activate(token: string, password: string) {
      const passwordHash = await hashPassword(password);
      const applicant = db.transaction(() => {
        const applicantId = sessions.consumeActivation(token);
        if (!applicantId) return null;
        repos.applicants.activate(applicantId, passwordHash, now());
        return repos.applicants.findById(applicantId) ?? null;
      })();
      if (!applicant) throw activationLinkInvalid();
      return {
        activated: true as const,
        foreignerNumber: applicant.foreignerNumber,
        email: applicant.email,
      };
    },

    async applicantLogin(login: string, password: string): Promise<{ token: string }> {
      const applicant = repos.applicants.findByLogin(login);
      const key = `applicant:${applicant?.id ?? login.trim().toLowerCase()}`;
      if (!(await checkPassword(key, password, applicant?.passwordHash)) || !applicant)
        throw invalidCredentials();
      return { token: sessions.open('applicant', applicant.id) };
    },

    async agentLogin(login: string, password: string) {
      const agent = repos.agents.findByLogin(login);
      const key = `agent:${login.trim().toLowerCase()}`;
      const valid = await checkPassword(key, password, agent?.passwordHash);
      if (!valid || !agent || agent.disabledAt) throw invalidCredentials();
      return { token: sessions.open('agent', agent.id), agent: publicAgent(agent) };
    },

    applicantOf(id: string): ApplicantRow | undefined {
      return repos.applicants.findById(id);
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
