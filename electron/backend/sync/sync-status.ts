/**
 * What the workstation tells the agent about its link with the portal (sync.status). Plain data:
 * the renderer polls it.
 */
export interface SyncStatus {
  portal: {
    /** Where the portal answers; for the embedded default, its loopback address. */
    url: string | null;
    /** Started by this workstation (no portal configured) with demo data. */
    embedded: boolean;
  };
  /**
   * online: the last exchange succeeded; offline: the portal cannot be reached (retrying);
   * reauth: the portal is reachable but wants the agent's password again (token expired, or the
   * agent logged in offline); starting: no exchange yet.
   */
  connection: 'starting' | 'online' | 'offline' | 'reauth';
  /** A pull or push is running now. */
  syncing: boolean;
  /** When a pull and push last completed without error (ISO instant). */
  lastSuccessAt: string | null;
  /** When the next automatic attempt is planned (ISO instant), if any. */
  nextAttemptAt: string | null;
  /** Outbox actions not yet accepted or refused by the portal. */
  pendingActions: number;
  /** Actions the portal refused or found in conflict, that the agent has not resolved yet. */
  problems: number;
  downloads: DownloadProgress;
  /** The last error, in plain French, or null. */
  error: string | null;
}

export interface DownloadProgress {
  /** Files this workstation wants and does not have yet (prefetch and requested). */
  queued: number;
  /** Downloads running now. */
  active: number;
  /** Bytes received and expected for the files of the current round (for a progress bar). */
  bytesDone: number;
  bytesTotal: number;
  /** Files that failed their last attempt (retried later). */
  failed: number;
  /** Size of the local cache of document files, and its limit. */
  cacheBytes: number;
  cacheLimitBytes: number;
}

/** An action the portal did not apply, as the sync panel and the dossier show it. */
export interface OutboxProblem {
  id: string;
  type: string;
  typeLabel: string;
  applicationNumber: string;
  applicantName: string | null;
  outcome: 'conflict' | 'rejected';
  /** The portal's reason, in French. */
  reason: string;
  /** When the agent did it (portal time) and who. */
  at: string;
  agentName: string;
  /** The agent asking made it: only they may re-apply or drop it. */
  mine: boolean;
  baseVersion: number;
  /** For a conflict: what others did to the dossier since baseVersion, from the history. */
  otherActions: { event: string; label: string; actorName: string; at: string; version: number }[];
}
