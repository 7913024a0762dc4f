import { createInterface } from 'node:readline';
import { createBackend, type Backend } from '../backend';
import type { PublicAgent } from '../auth/auth-service';
import { appRouter } from '../router';

// A workstation as a separate process, driven line by line over stdin/stdout by the fault tests
// (testing/workstation-process.ts), so that it can be killed between any two steps and started
// again on the same data folder, and run with a wrong clock.

const skewMs = Number(process.env.DRIVER_CLOCK_SKEW_MS ?? 0);
if (skewMs !== 0) {
  // The whole process sees a clock off by skewMs, as on a workstation set to the wrong time.
  const RealDate = Date;
  class SkewedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + skewMs);
      else super(...(args as [string]));
    }
    static override now(): number {
      return RealDate.now() + skewMs;
    }
  }
  globalThis.Date = SkewedDate as DateConstructor;
}

let crashStep: string | null = null;
let crashCountdown = 0;
function checkpoint(step: string): void {
  if (step !== crashStep) return;
  crashCountdown -= 1;
  // SIGKILL: no cleanup, no flush, as a power cut or a killed process.
  if (crashCountdown <= 0) process.kill(process.pid, 'SIGKILL');
}

const backend: Backend = await createBackend({
  dataDir: process.env.DRIVER_DATA_DIR as string,
  portalUrl: process.env.DRIVER_PORTAL_URL as string,
  version: 'driver',
  autoSync: false,
  syncIntervalMs: 3_600_000,
  checkpoint,
});
let agent: PublicAgent | null = null;
let session: string | null = null;

/** The workstation's API as the renderer calls it, in the logged-in agent's session. */
function api() {
  if (!agent) throw new Error('not logged in');
  return appRouter.createCaller({ backend, session: { token: session, bind: () => undefined } });
}

/**
 * What an agent does to decide a dossier from its screen: « Commencer l'instruction » when it is
 * offered, every required document judged « Conforme », the attestation previewed then confirmed
 * (favourable), or a motivation from the templates (unfavourable). Returns the actions queued, and
 * the workstation's refusal of the decision, if it refused it.
 */
async function decide(applicationNumber: string, decision: 'favorable' | 'unfavorable') {
  const ids: string[] = [];
  try {
    const checks = await api().instruction.checks({ applicationNumber });
    if (checks.startReview.allowed)
      ids.push((await api().instruction.startReview({ applicationNumber })).id);
    if (decision === 'unfavorable') {
      const [, template] = await api().instruction.motivationTemplates();
      const decided = await api().instruction.decideUnfavorable({
        applicationNumber,
        motivation: template!.text,
      });
      ids.push(decided.id);
      return { ids, refused: null };
    }
    const view = await api().dossier.get({ applicationNumber });
    for (const document of view.documents.filter((d) => d.required))
      await api().dossier.setVerdict({
        applicationNumber,
        documentKey: document.key,
        verdict: 'compliant',
      });
    const preview = await api().instruction.previewFavorable({ applicationNumber });
    const decided = await api().instruction.decideFavorable({
      applicationNumber,
      sha256: preview.sha256,
    });
    ids.push(decided.id);
    return { ids, refused: null };
  } catch (error) {
    return { ids, refused: error instanceof Error ? error.message : String(error) };
  }
}

type Command = { id: number; cmd: string; args?: Record<string, unknown> };

async function run({ cmd, args = {} }: Command): Promise<unknown> {
  switch (cmd) {
    case 'login': {
      const result = await backend.auth.login(String(args.login), String(args.password));
      agent = result.agent;
      session = result.token;
      return { agentId: result.agent.id, mode: result.mode };
    }
    case 'enqueue': {
      if (!agent) throw new Error('not logged in');
      const entry = backend.actions.enqueue(
        agent,
        String(args.type),
        String(args.applicationNumber),
        (args.payload as Record<string, unknown> | undefined) ?? {},
      );
      return { id: entry.id };
    }
    case 'decide':
      return decide(String(args.applicationNumber), args.decision as 'favorable' | 'unfavorable');
    case 'sync':
      return backend.sync.syncNow();
    // The agent's list of conflicts and refusals, and their choice on one, as the screen calls them.
    case 'problems':
      return api().sync.problems();
    case 'resolve':
      return api().sync.resolve({
        id: String(args.id),
        choice: args.choice as 'reapply' | 'drop',
      });
    case 'outbox':
      return backend.outbox.all();
    case 'view':
      // The mirror of each dossier: its header, its history and its document versions.
      return backend.applications
        .listQueue({ serviceCode: String(args.serviceCode ?? '59'), limit: 100_000, offset: 0 })
        .map(({ applicationNumber, version, status, assignedAgentId }) => ({
          applicationNumber,
          version,
          status,
          assignedAgentId,
          events: backend.history.eventsOf(applicationNumber),
          documentVersions: backend.history.documentVersionsOf(applicationNumber),
        }));
    case 'status':
      return backend.sync.status();
    case 'download':
      return backend.downloads.runOnce();
    case 'verifyFiles': {
      // Every file the workstation calls ready must be there with the bytes its name promises.
      let ready = 0;
      const damaged: string[] = [];
      for (const sha256 of backend.files.readyHashes()) {
        ready += 1;
        await backend.blobs.get(sha256).catch(() => damaged.push(sha256));
      }
      return { ready, damaged };
    }
    case 'armCrash':
      crashStep = String(args.step);
      crashCountdown = Number(args.occurrence ?? 1);
      return { armed: crashStep };
    case 'exit':
      await backend.close();
      setImmediate(() => process.exit(0));
      return { closing: true };
    default:
      throw new Error(`unknown command ${cmd}`);
  }
}

process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const command = JSON.parse(line) as Command;
  try {
    const result = await run(command);
    process.stdout.write(`${JSON.stringify({ id: command.id, ok: true, result })}\n`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stdout.write(`${JSON.stringify({ id: command.id, ok: false, error: message })}\n`);
  }
}
